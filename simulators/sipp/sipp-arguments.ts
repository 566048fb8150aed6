/**
 * SIPp's command line from typed options: an argument array for spawn(), never a shell string, so
 * no value (a path with a space, a user part with a ';') is ever re-parsed. As SIPssert's SIPp task
 * does, typed settings become flags and the remote address goes last.
 */
import { formatHostPort, HostPort } from '../net/host-port';

/** SIPp's transport modes (-t): one UDP socket, one per call, TCP single/per call. */
export type SippTransport = 'u1' | 'un' | 't1' | 'tn';

/** A built-in scenario (-sn) or an XML file (-sf). */
export type SippScenarioSource = { builtin: 'uac' | 'uas' | 'uac_pcap' | 'regexp' | 'branchc' | 'branchs' } | { file: string };

/** A CSV file of values injected into calls (-inf), e.g. one caller per line. */
export interface SippInjection {
  file: string;
  /** -infindex: index the file on this field (0-based). */
  indexField?: number;
}

export interface SippOptions {
  scenario: SippScenarioSource;
  /** Where SIPp sends its first request (UAC) — the last argument. Absent for a UAS. */
  remote?: HostPort;
  /** -i and -p: the address SIPp binds; the port comes from the scenario's port block. */
  local: HostPort;
  /** -mp: the first local media port (play_pcap_audio sends from it; -rtp_echo listens on it). */
  mediaPort?: number;
  transport?: SippTransport;
  /** -r / -rp: `calls` new calls per `periodMs` (SIPp's default period is 1000 ms). */
  rate?: { calls: number; periodMs?: number };
  /** -l: at most this many calls at once. */
  concurrentLimit?: number;
  /** -m: stop after this many calls. */
  callCount?: number;
  /** -s: the user part of the Request-URI ([service] in the scenario). */
  service?: string;
  injections?: SippInjection[];
  /** -key name value: [name] in the scenario. */
  keys?: Record<string, string>;
  /** -recv_timeout (ms): a call waiting longer for an expected message fails. */
  receiveTimeoutMs?: number;
  /** -timeout (s) with -timeout_error: SIPp itself gives up, as an error, after this long. */
  globalTimeoutSeconds?: number;
  rtpEcho?: boolean;
  /** Trace files SIPp writes (the wrapper reads them back). */
  traces: { statFile: string; screenFile: string; errorFile: string; statPeriodSeconds?: number };
}

export class SippOptionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SippOptionsError';
  }
}

function positiveInteger(name: string, value: number | undefined): void {
  if (value !== undefined && (!Number.isInteger(value) || value <= 0)) throw new SippOptionsError(`${name} must be a positive integer, got ${value}`);
}

export function buildSippArguments(options: SippOptions): string[] {
  positiveInteger('rate.calls', options.rate?.calls);
  positiveInteger('rate.periodMs', options.rate?.periodMs);
  positiveInteger('concurrentLimit', options.concurrentLimit);
  positiveInteger('callCount', options.callCount);
  positiveInteger('receiveTimeoutMs', options.receiveTimeoutMs);
  positiveInteger('globalTimeoutSeconds', options.globalTimeoutSeconds);
  positiveInteger('local.port', options.local.port);
  const args: string[] = 'builtin' in options.scenario ? ['-sn', options.scenario.builtin] : ['-sf', options.scenario.file];
  args.push('-i', options.local.host, '-p', String(options.local.port));
  if (options.mediaPort !== undefined) args.push('-mp', String(options.mediaPort));
  args.push('-t', options.transport ?? 'u1');
  if (options.rate) {
    args.push('-r', String(options.rate.calls));
    if (options.rate.periodMs !== undefined) args.push('-rp', String(options.rate.periodMs));
  }
  if (options.concurrentLimit !== undefined) args.push('-l', String(options.concurrentLimit));
  if (options.callCount !== undefined) args.push('-m', String(options.callCount));
  if (options.service !== undefined) args.push('-s', options.service);
  for (const injection of options.injections ?? []) {
    args.push('-inf', injection.file);
    if (injection.indexField !== undefined) args.push('-infindex', injection.file, String(injection.indexField));
  }
  for (const [name, value] of Object.entries(options.keys ?? {})) args.push('-key', name, value);
  if (options.receiveTimeoutMs !== undefined) args.push('-recv_timeout', `${options.receiveTimeoutMs}ms`);
  if (options.globalTimeoutSeconds !== undefined) args.push('-timeout', `${options.globalTimeoutSeconds}s`, '-timeout_error');
  if (options.rtpEcho) args.push('-rtp_echo');
  const { traces } = options;
  args.push('-trace_stat', '-stf', traces.statFile, '-fd', String(traces.statPeriodSeconds ?? 1));
  args.push('-trace_screen', '-screen_file', traces.screenFile);
  args.push('-trace_err', '-error_file', traces.errorFile);
  // No terminal: SIPp must not read keys from stdin (it would stop at EOF).
  args.push('-nostdin');
  if (options.remote) args.push(formatHostPort(options.remote));
  return args;
}
