import { HostPort, parseHostPort } from '../../simulators/net/host-port';

/**
 * The start-up line of an SUT the harness starts (DESIGN.md, "Commands"): a line containing
 * `listening` and its addresses as `ip:port`, in the order the role gives them (a SIP Server: SIP,
 * then CTI). A process prints it on stdout, a container in its log; both adapters read it here.
 */
const ADDRESS = /(?:\d{1,3}\.){3}\d{1,3}:\d{1,5}|\[[0-9a-fA-F:]+\]:\d{1,5}/g;

/** Matches one such line, for a wait on a log (testcontainers' log wait strategy). */
export const LISTENING_LINE = new RegExp(`^(?=.*listening)(?=.*(?:${ADDRESS.source}))`, 'i');

export interface ListeningLine {
  line: string;
  addresses: HostPort[];
}

/** The first complete line of the output that is the start-up line (a line still being written is not). */
export function findListeningLine(output: string): ListeningLine | undefined {
  const line = output.split('\n').slice(0, -1).find((l) => LISTENING_LINE.test(l));
  if (!line) return undefined;
  return { line: line.trim(), addresses: (line.match(ADDRESS) ?? []).map(parseHostPort) };
}

/** The last line the SUT wrote, as a clause for a one-line message. */
export function lastLineClause(output: string): string {
  const line = output.trim().split('\n').pop()?.trim();
  return line ? `; its last line: ${line.slice(0, 200)}` : '; it wrote nothing';
}
