import { After, AfterAll, Before, BeforeAll, setDefaultTimeout, Status } from '@cucumber/cucumber';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readCapture } from '../../simulators/pcap/capture-reader';
import { renderSipLadderSvg } from '../../simulators/pcap/sip-ladder-svg';
import { join } from 'node:path';
import { writeEvidenceManifest } from '../../harness/report/scenario-evidence';
import { astLineIndex, pickleKey } from '../../harness/report/scenario-key';
import './world'; // registers the World constructor (the import below is type-only)
import type { GirWorld } from './world';
import { stallMonitor } from './harness-lateness';
import { formatStallSummary, summarizeStalls } from '../../simulators/time/stall-summary';
import { warmUpHarness } from '../../simulators/warm-up/harness-warm-up';
import { workerPortBlock } from './worker-resources';
import { stopWorkerProcessSut } from './worker-process-sut';

// A scenario's calls last seconds; set-up and file checks a few more. A hang ends here, not in CI.
setDefaultTimeout(30_000);

/**
 * Before the first timed scenario of this worker: the stall monitor starts, and the harness warms
 * its own code paths up (simulators/warm-up): never the SUT's.
 */
BeforeAll(async function () {
  stallMonitor.start();
  const report = await warmUpHarness(workerPortBlock());
  if (process.env.GIR_WARM_UP_REPORT === '1') console.error(`harness warm-up: ${report.tookMs.toFixed(0)} ms, full collection ${report.collected ? 'done' : 'not available'}`);
});

AfterAll(async function () {
  stallMonitor.stop();
  await stopWorkerProcessSut();
});

/** When the running scenario began, for its line on the harness's own lateness. */
let scenarioBeganMs = 0;

Before(async function (this: GirWorld, { pickle }) {
  scenarioBeganMs = this.clock.now();
  this.setUp(pickle);
  await this.startCapture(pickle);
});

/** A pcap larger than this is kept beside the scenario's artifacts, not embedded in the report. */
const MAX_ATTACHED_PCAP_BYTES = 4 * 1024 * 1024;

/** The capture's pcap and its SIP ladder (SVG), attached to the report. */
async function attachCapture(world: GirWorld, names: Map<string, string>): Promise<void> {
  const file = world.capture?.file;
  if (!file || !existsSync(file)) return;
  const capture = await readCapture(file);
  const ladder = renderSipLadderSvg(capture.sip, names);
  if (world.artifactsDir && existsSync(world.artifactsDir)) writeFileSync(join(world.artifactsDir, 'sip-ladder.svg'), ladder);
  // A Buffer is attached base64-encoded: cucumber.html shows only such an SVG as an image.
  world.attach(Buffer.from(ladder, 'utf8'), { mediaType: 'image/svg+xml', fileName: 'sip-ladder.svg' });
  if (statSync(file).size <= MAX_ATTACHED_PCAP_BYTES) world.attach(readFileSync(file), { mediaType: 'application/vnd.tcpdump.pcap', fileName: 'capture.pcap' });
  else world.log(`capture: ${file} (${capture.frames} frames; too large to attach)`);
}

/**
 * Teardown always runs, newest resource first. The scenario's evidence folder under
 * reports/scenarios/ (recordings, metadata, plots) is kept on failure, with the SIP ladder (also
 * attached) and the full trace, and always with GIR_KEEP_ARTIFACTS=1; otherwise it is removed. A
 * kept folder gets a manifest naming the scenario attempt, by which the reports link to it.
 */
After(async function (this: GirWorld, { result, pickle, gherkinDocument, testCaseStartedId }) {
  const failed = result?.status !== Status.PASSED;
  const keep = process.env.GIR_KEEP_ARTIFACTS === '1';
  // Named while the parties' sockets are open (teardown closes them).
  const names = this.addressNames();
  const endedMs = this.clock.now();
  this.log(formatStallSummary(summarizeStalls(stallMonitor.during(scenarioBeganMs, endedMs), scenarioBeganMs, endedMs), endedMs - scenarioBeganMs));
  try {
    await this.disposers.drain();
    if (failed || keep) await attachCapture(this, names);
  } finally {
    if (!this.artifactsDir) {
      // setUp never ran: nothing to keep
    } else if (failed || process.env.GIR_KEEP_ARTIFACTS === '1') {
      if (failed) {
        // The whole trace goes to a file (it would flood the console); the report gets the ladder.
        const ladder = this.trace?.summary() || '(no SIP messages)';
        writeFileSync(join(this.artifactsDir, 'sip-ladder.txt'), `${ladder}\n`);
        writeFileSync(join(this.artifactsDir, 'sip-trace.txt'), this.trace?.toString() ?? '');
        this.attach(ladder, { mediaType: 'text/plain', fileName: 'sip-ladder.txt' });
        const output = this.sutOutput?.();
        if (output !== undefined) {
          writeFileSync(join(this.artifactsDir, 'sut-output.txt'), output);
          this.attach(output || '(the SUT process wrote nothing during this scenario)', { mediaType: 'text/plain', fileName: 'sut-output.txt' });
        }
        this.log(`artifacts kept in ${this.artifactsDir}`);
      }
      const key = pickleKey(pickle, astLineIndex(gherkinDocument));
      writeEvidenceManifest(this.artifactsDir, { key, name: pickle.name, testCaseStartedId, status: result?.status ?? 'UNKNOWN' });
    } else {
      rmSync(this.artifactsDir, { recursive: true, force: true });
    }
  }
});
