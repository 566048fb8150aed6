/**
 * The reports of real runs, read as a person would: a mutant run's conformance.html says why FT-01
 * failed and links to evidence that is there; a second run leaves only its own evidence; and every
 * recording plot in cucumber.html is an image in Chromium, not "couldn't display". Two short runs
 * of the FT-01 scenarios into a reports folder of their own.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Envelope } from '@cucumber/messages';
import { runConformance } from '../conformance-run';
import { withChromium } from '../lib/headless-chromium';
import { escapeHtml } from './html-text';
import { readRunResults } from './run-results';
import { EvidenceManifest, SCENARIOS_DIR } from './scenario-evidence';

const FIRST_RUN_MARK = 'left-by-the-first-run';

test('reports of two runs in a row', async (t) => {
  const reports = mkdtempSync(join(tmpdir(), 'gir-reports-'));
  const run = (env: NodeJS.ProcessEnv) =>
    runConformance(['--tags', '@FT-01'], { ...process.env, GIR_PROFILE: '', GIR_KEEP_ARTIFACTS: '', GIR_MUTANT: '', GIR_REPORTS_DIR: reports, ...env }, { quiet: true });
  const scenarioFolders = () => readdirSync(join(reports, SCENARIOS_DIR));
  try {
    await t.test('a mutant run: conformance.html gives the failing check of FT-01, its scenario, and links to its evidence', async () => {
      const outcome = await run({ GIR_MUTANT: 'sut-ft-late-stop' });
      assert.equal(outcome.exitCode, 1);
      const ft01 = outcome.report.requirements.find((r) => r.id === 'FT-01')!;
      assert.equal(ft01.status, 'failed');
      const failedSection = /<section id="failed">([\s\S]*?)<\/section>/.exec(readFileSync(join(reports, 'conformance.html'), 'utf8'))?.[1] ?? '';
      const failed = ft01.scenarios.filter((s) => s.status === 'failed');
      assert.ok(failed.length > 0);
      for (const scenario of failed) {
        // The mutant stops the recording 1 s after the call ends: the stop check is what fails.
        assert.match(scenario.failure?.check ?? '', /stop/);
        assert.ok(failedSection.includes(escapeHtml(scenario.failure!.check)), `the page shows the check: ${scenario.failure!.check}`);
        assert.ok(failedSection.includes(escapeHtml(scenario.name)), `the page names the scenario: ${scenario.name}`);
        const kinds = (scenario.evidence ?? []).map((file) => file.kind);
        for (const kind of ['sipLadder', 'metadata', 'wav'] as const) assert.ok(kinds.includes(kind), `${scenario.name} has ${kind} evidence (has ${kinds.join(', ')})`);
        for (const file of scenario.evidence!) {
          assert.ok(failedSection.includes(`href="${file.path}"`), `the page links ${file.path}`);
          assert.ok(existsSync(join(reports, file.path)), `the linked ${file.path} exists beside the page`);
        }
      }
      for (const folder of scenarioFolders()) writeFileSync(join(reports, SCENARIOS_DIR, folder, FIRST_RUN_MARK), '');
    });

    await t.test('the second run leaves only its own evidence, and every plot in its cucumber.html renders in Chromium', async () => {
      await run({ GIR_KEEP_ARTIFACTS: '1' });
      const attempts = new Set(readRunResults(join(reports, 'messages.ndjson')).attempts.values());
      const folders = scenarioFolders();
      assert.equal(folders.length, attempts.size, `one folder per scenario of this run: ${folders.join(', ')}`);
      for (const folder of folders) {
        assert.ok(!existsSync(join(reports, SCENARIOS_DIR, folder, FIRST_RUN_MARK)), `${folder} still holds the first run's files`);
        const manifest = JSON.parse(readFileSync(join(reports, SCENARIOS_DIR, folder, 'scenario.json'), 'utf8')) as EvidenceManifest;
        assert.ok(attempts.has(manifest.testCaseStartedId), `${folder} belongs to a scenario of the second run`);
      }
      await assertPlotsRender(reports);
    });
  } finally {
    rmSync(reports, { recursive: true, force: true });
  }
});

/** Every image attachment of the run is an <img> in cucumber.html that loaded and has a size. */
async function assertPlotsRender(reports: string): Promise<void> {
  const envelopes = readFileSync(join(reports, 'messages.ndjson'), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Envelope);
  // cucumber.html shows what steps attach; a passed hook's attachments (the capture's SIP ladder, kept
  // with GIR_KEEP_ARTIFACTS=1) it folds away, so only step attachments are looked for here.
  const hookSteps = new Set(envelopes.flatMap((e) => e.testCase?.testSteps.filter((step) => step.hookId).map((step) => step.id) ?? []));
  const attached = envelopes.filter((e) => e.attachment?.mediaType.startsWith('image/') && !hookSteps.has(e.attachment.testStepId ?? '')).length;
  assert.ok(attached > 0, 'the FT-01 scenarios attach recording plots');
  await withChromium(async (browser) => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(reports, 'cucumber.html')).href);
    // Features start folded: unfold each (the first folded one each time: unfolding renumbers them),
    // then open every attachment.
    const folded = page.locator('button[aria-expanded="false"]');
    for (let unfolded = 0; (await folded.count()) > 0; unfolded++) {
      assert.ok(unfolded < 500, 'cucumber.html keeps folding what was unfolded');
      await folded.first().click();
    }
    await page.locator('details').evaluateAll((all) => all.forEach((details) => details.setAttribute('open', '')));
    assert.equal(await page.getByText("Couldn't display").count(), 0, 'no attachment is left as "couldn\'t display"');
    // (The project's types have no DOM: an <img> is read as an Element with what the check needs.)
    const images = await page.locator('details > img').evaluateAll((all) => all.map((element) => {
      const img = element as typeof element & { complete: boolean; naturalWidth: number };
      const box = img.getBoundingClientRect();
      return { loaded: img.complete && img.naturalWidth > 0, width: box.width, height: box.height };
    }));
    assert.equal(images.length, attached, 'one image element per attached plot');
    for (const image of images) {
      assert.ok(image.loaded && image.width > 0 && image.height > 0, `a plot rendered ${JSON.stringify(image)}`);
    }
  });
}
