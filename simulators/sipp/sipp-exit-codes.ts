/**
 * SIPp's exit status as a typed outcome (SIPp 3.6.1 include/defines.h). A negative define reaches
 * a parent as its unsigned byte: -1 → 255, -2 → 254, -3 → 253.
 */
export type SippOutcome =
  | 'all-calls-succeeded'
  | 'some-calls-failed'
  | 'manually-stopped'
  | 'killed'
  | 'internal-stop-or-global-timeout'
  | 'unknown-or-signal'
  | 'no-calls-processed'
  | 'fatal-error'
  | 'socket-bind-error'
  | 'system-error'
  | 'killed-by-harness-timeout'
  | 'unknown-exit-code';

const BY_CODE: Record<number, { outcome: SippOutcome; meaning: string }> = {
  0: { outcome: 'all-calls-succeeded', meaning: 'every call succeeded (EXIT_TEST_OK)' },
  1: { outcome: 'some-calls-failed', meaning: 'at least one call failed (EXIT_TEST_FAILED)' },
  95: { outcome: 'manually-stopped', meaning: 'stopped by hand (EXIT_TEST_MANUALLY_STOPPED)' },
  96: { outcome: 'killed', meaning: 'killed (EXIT_TEST_KILLED)' },
  97: { outcome: 'internal-stop-or-global-timeout', meaning: 'an internal command or the global -timeout ended the run (EXIT_TEST_RES_INTERNAL)' },
  98: { outcome: 'unknown-or-signal', meaning: 'ended by a signal or an unknown condition (EXIT_TEST_RES_UNKNOWN)' },
  99: { outcome: 'no-calls-processed', meaning: 'normal exit without calls processed (EXIT_OTHER)' },
  255: { outcome: 'fatal-error', meaning: 'fatal error (EXIT_FATAL_ERROR, -1)' },
  254: { outcome: 'socket-bind-error', meaning: 'could not bind a socket (EXIT_BIND_ERROR, -2)' },
  253: { outcome: 'system-error', meaning: 'system error (EXIT_SYSTEM_ERROR, -3)' },
};

export interface SippExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  outcome: SippOutcome;
  meaning: string;
}

/** What an exit means; `killedByTimeout` when the wrapper's hard timeout ended the process group. */
export function sippExit(code: number | null, signal: NodeJS.Signals | null, killedByTimeout = false): SippExit {
  if (killedByTimeout) return { code, signal, outcome: 'killed-by-harness-timeout', meaning: 'the harness killed SIPp\'s process group at its hard timeout' };
  if (code === null) return { code, signal, outcome: 'unknown-or-signal', meaning: `ended by signal ${signal ?? '(none)'}` };
  const known = BY_CODE[code < 0 ? code & 0xff : code];
  return known ? { code, signal, ...known } : { code, signal, outcome: 'unknown-exit-code', meaning: `exit code ${code}, not one of SIPp's` };
}
