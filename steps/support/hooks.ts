import { After, Before, setDefaultTimeout, Status } from '@cucumber/cucumber';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import './world'; // registers the World constructor (the import below is type-only)
import type { GirWorld } from './world';

// A scenario's calls last seconds; set-up and file checks a few more. A hang ends here, not in CI.
setDefaultTimeout(30_000);

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
