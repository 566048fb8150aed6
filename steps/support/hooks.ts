import { After, AfterAll, Before, BeforeAll, setDefaultTimeout, Status } from '@cucumber/cucumber';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import './world'; // registers the World constructor (the import below is type-only)
import type { GirWorld } from './world';
import { stallMonitor } from './harness-lateness';
import { warmUpHarness } from '../../simulators/warm-up/harness-warm-up';
import { workerPortBlock } from './worker-resources';

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

AfterAll(function () {
  stallMonitor.stop();
});

Before(function (this: GirWorld, { pickle }) {
  this.setUp(pickle);
});

/**
 * Teardown always runs, newest resource first; on failure the SIP ladder is attached, the full
 * trace written beside the scenario's artifacts (recordings, metadata) under reports/scenarios/,
 * which are kept; on success they are removed unless GIR_KEEP_ARTIFACTS=1.
 */
After(async function (this: GirWorld, { result }) {
  const failed = result?.status !== Status.PASSED;
  try {
    await this.disposers.drain();
  } finally {
    if (failed && this.artifactsDir) {
      // The whole trace goes to a file (it would flood the console); the report gets the ladder.
      const tracePath = join(this.artifactsDir, 'sip-trace.txt');
      writeFileSync(tracePath, this.trace?.toString() ?? '');
      this.attach(this.trace?.summary() || '(no SIP messages)', { mediaType: 'text/plain', fileName: 'sip-ladder.txt' });
      this.log(`artifacts kept in ${this.artifactsDir} (full SIP trace: ${tracePath})`);
    } else if (process.env.GIR_KEEP_ARTIFACTS !== '1' && this.artifactsDir) {
      rmSync(this.artifactsDir, { recursive: true, force: true });
    }
  }
});
