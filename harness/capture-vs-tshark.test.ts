import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCucumberProcess } from './lib/cucumber-process';
import { readRunResults } from './report/run-results';
import { readCapture } from '../simulators/pcap/capture-reader';
import { tsharkCounts } from '../simulators/pcap/tshark-fields';

test("capture of a whole scenario: the reader's SIP and RTP frame counts equal tshark's", { timeout: 120_000 }, async () => {
  const reportsDir = mkdtempSync(join(tmpdir(), 'gir-capture-test-'));
  try {
    const run = await runCucumberProcess({
      args: ['--tags', '@FT-01', '--name', 'An inbound call to a recorded extension'],
      reportsDir, env: { ...process.env, GIR_KEEP_ARTIFACTS: '1', GIR_CONSOLE_FORMAT: 'progress' }, quiet: true,
    });
    // The capture is what is judged here: a call the harness was too late to judge (inconclusive,
    // on a busy machine) was still captured whole; a failed one was not necessarily.
    const statuses = [...readRunResults(join(reportsDir, 'messages.ndjson')).statuses.values()];
    assert.equal(statuses.length, 1, `one scenario ran (exit ${run.exitCode})`);
    assert.ok(statuses[0] === 'passed' || statuses[0] === 'inconclusive', `the scenario ${statuses[0]} (exit ${run.exitCode}): ${readFileSync(join(reportsDir, 'console.log'), 'utf8').slice(-2000)}`);
    const [scenario] = readdirSync(join(reportsDir, 'scenarios'));
    const file = join(reportsDir, 'scenarios', scenario, 'capture.pcap');
    const [ours, theirs] = await Promise.all([readCapture(file), tsharkCounts(file)]);
    assert.ok(ours.sip.length >= 10 && ours.rtp.length >= 300, `a call with a recording has SIP and RTP: ${ours.sip.length} SIP, ${ours.rtp.length} RTP`);
    // The capture runs to the scenario's end: the hang-up's BYEs (caller, agent, Media Server legs)
    // and the answer to each are in it, not lost with tcpdump's last buffer at the stop.
    const byes = new Set(ours.sip.filter((m) => m.method === 'BYE').map((m) => m.callId));
    const answered = new Set(ours.sip.filter((m) => m.status === 200 && / BYE$/.test(m.cseq ?? '')).map((m) => m.callId));
    assert.ok(byes.size >= 3, `the hang-up's BYEs on the caller's, the agent's and the recording's legs: ${byes.size} in the capture`);
    assert.deepEqual([...answered].sort(), [...byes].sort(), 'every BYE in the capture has its 200 OK');
    assert.equal(ours.frames, theirs.frames);
    assert.equal(ours.sip.length, theirs.sipFrames, 'SIP frames');
    assert.equal(ours.rtp.length, theirs.rtpFrames, 'RTP frames');
  } finally {
    rmSync(reportsDir, { recursive: true, force: true });
  }
});
