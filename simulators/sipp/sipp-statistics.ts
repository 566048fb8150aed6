/**
 * SIPp's -trace_stat file (CSV, ';'-separated, a header and one row per -fd period, the last row
 * written at exit) and its -trace_screen dump (the scenario screen's message table), as typed results.
 */

export interface SippStatistics {
  outgoingCalls: number;
  incomingCalls: number;
  totalCallsCreated: number;
  /** Calls still open when the row was written. */
  currentCalls: number;
  successfulCalls: number;
  failedCalls: number;
  /** Each non-zero Failed…(C) counter by its reason, e.g. { TimeoutOnRecv: 2 }. */
  failedBy: Record<string, number>;
  retransmissions: number;
  outOfCallMessages: number;
  deadCallMessages: number;
  warnings: number;
  fatalErrors: number;
  watchdogMajor: number;
  watchdogMinor: number;
  /** Elapsed time of the run (s), from ElapsedTime(C) "hh:mm:ss". */
  elapsedSeconds: number;
}

export class SippStatisticsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SippStatisticsError';
  }
}

function hms(text: string): number {
  const parts = text.split(':').map(Number);
  if (parts.length < 3 || parts.some((p) => !Number.isFinite(p))) return Number.NaN;
  return parts[0] * 3600 + parts[1] * 60 + parts[2];
}

/** The cumulative counters of the last row of a -trace_stat file. */
export function parseSippStatFile(text: string): SippStatistics {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
  if (lines.length < 2) throw new SippStatisticsError(`a SIPp stat file needs a header and a row, got ${lines.length} line(s)`);
  const names = lines[0].split(';');
  const row = lines[lines.length - 1].split(';');
  const column = (name: string): string => {
    const index = names.indexOf(name);
    if (index < 0) throw new SippStatisticsError(`the SIPp stat file has no column ${name}`);
    return row[index] ?? '';
  };
  const count = (name: string): number => {
    const value = Number(column(name));
    if (!Number.isFinite(value)) throw new SippStatisticsError(`column ${name} holds "${column(name)}", not a number`);
    return value;
  };
  const failedBy: Record<string, number> = {};
  for (const name of names) {
    const reason = /^Failed(\w+)\(C\)$/.exec(name)?.[1];
    if (reason && reason !== 'Call' && count(name) > 0) failedBy[reason] = count(name);
  }
  return {
    outgoingCalls: count('OutgoingCall(C)'),
    incomingCalls: count('IncomingCall(C)'),
    totalCallsCreated: count('TotalCallCreated'),
    currentCalls: count('CurrentCall'),
    successfulCalls: count('SuccessfulCall(C)'),
    failedCalls: count('FailedCall(C)'),
    failedBy,
    retransmissions: count('Retransmissions(C)'),
    outOfCallMessages: count('OutOfCallMsgs(C)'),
    deadCallMessages: count('DeadCallMsgs(C)'),
    warnings: count('Warnings(C)'),
    fatalErrors: count('FatalErrors(C)'),
    watchdogMajor: count('WatchdogMajor(C)'),
    watchdogMinor: count('WatchdogMinor(C)'),
    elapsedSeconds: hms(column('ElapsedTime(C)')),
  };
}

/** One row of the scenario screen: a message sent or expected, a pause, with its counters. */
export interface SippScreenRow {
  /** "INVITE", "200", "Pause [ 0ms]", "Play PCAP" … as the screen prints it. */
  step: string;
  direction: 'sent' | 'received' | 'other';
  count: number;
  retransmissions?: number;
  timeouts?: number;
  unexpected?: number;
}

/**
 * The message table of the last scenario screen in a -trace_screen dump: lines such as
 * `INVITE ---------->  3  0  0` and `200 <----------  E-RTD1 3  0  0  0`.
 */
export function parseSippScreen(text: string): SippScreenRow[] {
  const screens = text.split(/-+ Scenario Screen -+/);
  const last = screens[screens.length - 1] ?? '';
  const table = last.split(/\n\s*\n/).find((block) => /Messages\s+Retrans/.test(block)) ?? '';
  const rows: SippScreenRow[] = [];
  for (const line of table.split('\n').slice(1)) {
    if (/^-{3,}/.test(line.trim())) break;
    const arrow = /^\s*(\S+)\s+(-+>|<-+)\s+(?:[A-Z][\w-]*\s+)?([\d\s]+)$/.exec(line);
    if (arrow) {
      const numbers = arrow[3].trim().split(/\s+/).map(Number);
      rows.push({
        step: arrow[1], direction: arrow[2].endsWith('>') ? 'sent' : 'received', count: numbers[0],
        retransmissions: numbers[1], timeouts: numbers[2], unexpected: numbers[3],
      });
      continue;
    }
    const other = /^\s*(\S.*?\S|\S)\s{2,}(\d+)(?:\s+(\d+))?\s*$/.exec(line);
    if (other) rows.push({ step: other[1], direction: 'other', count: Number(other[2]), unexpected: other[3] === undefined ? undefined : Number(other[3]) });
  }
  return rows;
}
