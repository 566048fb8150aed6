import { After, Before, setDefaultTimeout, Status } from '@cucumber/cucumber';
import { rmSync } from 'node:fs';
import './world'; // registers the World constructor (the import below is type-only)
import type { GirWorld } from './world';

// A scenario's calls last seconds; set-up and file checks a few more. A hang ends here, not in CI.
setDefaultTimeout(30_000);

Before(function (this: GirWorld, { pickle }) {
  this.setUp(pickle);
});

/**
 * Teardown always runs, newest resource first; on failure the SIP trace is attached and the
 * scenario's artifacts (recordings, metadata) are kept under reports/scenarios/, else removed
 * unless GIR_KEEP_ARTIFACTS=1.
 */
After(async function (this: GirWorld, { result }) {
  const failed = result?.status !== Status.PASSED;
  try {
    await this.disposers.drain();
  } finally {
    if (failed) {
      this.attach(this.trace?.toString() || '(no SIP messages)', { mediaType: 'text/plain', fileName: 'sip-trace.txt' });
      if (this.artifactsDir) this.log(`artifacts kept in ${this.artifactsDir}`);
    } else if (process.env.GIR_KEEP_ARTIFACTS !== '1' && this.artifactsDir) {
      rmSync(this.artifactsDir, { recursive: true, force: true });
    }
  }
});
