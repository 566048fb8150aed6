import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { withChromium } from '../lib/headless-chromium';
import { Requirement } from '../requirements/requirement';
import { buildConformanceReport, ConformanceReport } from './conformance-report';
import { renderConformanceHtml } from './conformance-html';
import { ScenarioInfo } from './feature-scenarios';

const requirement = (id: string, owners: Requirement['owners'], text = `${id} text`): Requirement => ({ id, group: id.split('-')[0], text, source: 'seed', owners });
const scenario = (key: string, ids: string[], role: ScenarioInfo['role'] = 'call-control'): ScenarioInfo => ({
  key, name: `scenario ${key}`, uri: 'features/x.feature', tags: ids.map((id) => `@${id}`), requirementIds: ids, role,
});

/** FT-01 failed, FT-02 inconclusive, FT-08 passed, MS-03 passed (recorder), DYN-01 uncovered. */
function sampleReport(): ConformanceReport {
  return buildConformanceReport({
    harness: { name: 'gir-conformance', version: '0.1.0' },
    runs: [
      { role: 'call-control', sut: { name: 'acme-sip', version: '2.1' }, profile: { path: 'profiles/acme.yaml', sha256: 'a'.repeat(64) }, startedAt: '2026-12-04T10:20:30.000Z' },
      { role: 'recorder', sut: { name: 'acme-ms', version: '5' }, profile: { path: 'profiles/acme-ms.yaml', sha256: 'b'.repeat(64) }, startedAt: '2026-12-04T10:20:30.000Z' },
    ],
    catalogue: [
      requirement('FT-01', ['SUT'], 'stops within `tolerance.stopMs`, default 200 ms'), requirement('FT-02', ['SUT']),
      requirement('FT-08', ['SUT']), requirement('MS-03', ['MS']), requirement('DYN-01', ['SUT']),
    ],
    scenarios: [scenario('f:1', ['FT-01']), scenario('f:2', ['FT-02']), scenario('f:3', ['FT-08']), scenario('f:4', ['MS-03'], 'recorder')],
    statuses: new Map([['f:1', 'failed'], ['f:2', 'inconclusive'], ['f:3', 'passed'], ['f:4', 'passed']]),
    failures: new Map([
      ['f:1', { step: 'Then the recording stops', check: 'the recording stopped 1012.0 ms after the hang-up; `tolerance.stopMs` is 200', message: 'the recording stopped 1012.0 ms after the hang-up; `tolerance.stopMs` is 200\nmore', inconclusive: false }],
      ['f:2', { step: 'Then the recording holds', check: 'inconclusive: the harness sent frames 40..52 up to 31 ms late', message: 'inconclusive: the harness sent frames 40..52 up to 31 ms late', inconclusive: true }],
    ]),
    evidence: new Map([
      ['f:1', [{ kind: 'plot', path: 'scenarios/0-1-a/plot-recording-r1.svg' }, { kind: 'sipLadder', path: 'scenarios/0-1-a/sip-ladder.txt' }, { kind: 'wav', path: 'scenarios/0-1-a/recordings/r 1.wav' }]],
      ['f:2', [{ kind: 'sipLadder', path: 'scenarios/0-2-b/sip-ladder.txt' }]],
    ]),
  });
}

test('conformance.html: a quotable summary first, the reason and relative evidence links of a failed ID, inconclusive apart', () => {
  const html = renderConformanceHtml(sampleReport());
  const body = html.slice(html.indexOf('<body>'));
  const summary = /<p class="verdict" id="summary"[^>]*>([^<]*)<\/p>/.exec(body)?.[1];
  assert.equal(summary, 'Not conformant: acme-sip 2.1 (call-control) and acme-ms 5 (recorder) — of 5 GIR requirements, 2 passed, 1 failed, 1 inconclusive, 0 not run, 0 not applicable, 1 uncovered (gir-conformance 0.1.0, run 2026-12-04 10:20 UTC).');
  assert.ok(body.indexOf('id="summary"') < body.indexOf('<h2>'), 'the summary comes before any section');

  const failed = /<section id="failed">([\s\S]*?)<\/section>/.exec(body)?.[1] ?? '';
  assert.match(failed, /scenario f:1/);
  assert.match(failed, /the recording stopped 1012\.0 ms after the hang-up; <code>tolerance\.stopMs<\/code> is 200/);
  assert.match(failed, /<a href="scenarios\/0-1-a\/plot-recording-r1\.svg"[^>]*>recording plot<\/a>/);
  assert.match(failed, /<a href="scenarios\/0-1-a\/sip-ladder\.txt"[^>]*>SIP ladder<\/a>/);
  assert.match(failed, /<a href="scenarios\/0-1-a\/recordings\/r%201\.wav"[^>]*>WAV<\/a>/);
  assert.doesNotMatch(failed, /inconclusive: the harness/, 'an inconclusive scenario is not listed among the failures');

  const inconclusive = /<section id="inconclusive">([\s\S]*?)<\/section>/.exec(body)?.[1] ?? '';
  assert.match(inconclusive, /SUT is not blamed/);
  assert.match(inconclusive, /inconclusive: the harness sent frames 40\.\.52 up to 31 ms late/);
  assert.match(inconclusive, /<a href="scenarios\/0-2-b\/sip-ladder\.txt"/);

  assert.match(body, /stops within <code>tolerance\.stopMs<\/code>, default 200 ms/, 'inline code in requirement texts');
  // The whole message stays verbatim in its <pre>; everything else shows code as code.
  assert.doesNotMatch(body.replace(/<script>[\s\S]*<\/script>|<pre>[\s\S]*?<\/pre>/g, ''), /`/, 'no raw Markdown backticks are left');
  // One file: nothing loaded from elsewhere, and every link relative.
  assert.doesNotMatch(html, /<link|src="|href="(https?:|\/)/);
});

test('conformance.html in a browser: filters by status and by owner show only what they select', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gir-certificate-'));
  try {
    const file = join(dir, 'conformance.html');
    writeFileSync(file, renderConformanceHtml(sampleReport()));
    await withChromium(async (browser) => {
      const page = await browser.newPage();
      await page.goto(pathToFileURL(file).href);
      const visibleIds = () => page.locator('tbody tr:visible td:first-child').allTextContents();
      assert.deepEqual(await visibleIds(), ['FT-01', 'FT-02', 'FT-08', 'MS-03', 'DYN-01']);
      for (const status of ['passed', 'inconclusive', 'uncovered']) await page.locator(`input[name=status][value=${status}]`).uncheck();
      assert.deepEqual(await visibleIds(), ['FT-01']);
      assert.equal(await page.locator('#shown').textContent(), '1');
      assert.equal(await page.locator('#inconclusive li:visible').count(), 0, 'the inconclusive list follows the status filter');
      await page.locator('input[name=status][value=passed]').check();
      await page.locator('#owner').selectOption('MS');
      assert.deepEqual(await visibleIds(), ['MS-03']);
      assert.equal(await page.locator('#failed li:visible').count(), 0, 'FT-01 is not an MS requirement');
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
