import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCucumberProcess } from './lib/cucumber-process';
import { readCapture } from '../simulators/pcap/capture-reader';
import { tsharkCounts } from '../simulators/pcap/tshark-fields';

test("capture of a whole scenario: the reader's SIP and RTP frame counts equal tshark's", { timeout: 120_000 }, async () => {
  const reportsDir = mkdtempSync(join(tmpdir(), 'gir-capture-test-'));
  try {
    const run = await runCucumberProcess({
      args: ['--tags', '@FT-01', '--name', 'An inbound call to a recorded extension'],
      reportsDir, env: { ...process.env, GIR_KEEP_ARTIFACTS: '1', GIR_CONSOLE_FORMAT: 'progress' }, quiet: true,
    });
    assert.equal(run.exitCode, 0, `the scenario failed (console: ${join(reportsDir, 'console.log')})`);
    const [scenario] = readdirSync(join(reportsDir, 'scenarios'));
    const file = join(reportsDir, 'scenarios', scenario, 'capture.pcap');
    const [ours, theirs] = await Promise.all([readCapture(file), tsharkCounts(file)]);
    assert.ok(ours.sip.length >= 10 && ours.rtp.length >= 300, `a call with a recording has SIP and RTP: ${ours.sip.length} SIP, ${ours.rtp.length} RTP`);
    assert.equal(ours.frames, theirs.frames);
    assert.equal(ours.sip.length, theirs.sipFrames, 'SIP frames');
    assert.equal(ours.rtp.length, theirs.rtpFrames, 'RTP frames');
  } finally {
    rmSync(reportsDir, { recursive: true, force: true });
  }
});
