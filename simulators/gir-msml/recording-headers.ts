import { WireProfileError } from './wire-error';

export type RecordSide = 'source' | 'destination';

/** The recording parameters an INVITE carries besides its Request-URI (DESIGN.md, "Wire profiles"). */
export interface RecordingParameters {
  connId: string;
  side: RecordSide;
  recordId?: string;
  partitions: string[];
  dest?: string;
  agentId?: string;
}

export const HEADER = {
  recordId: 'X-Genesys-Record-Id',
  partitions: 'X-Genesys-Partitions',
  dest: 'X-Genesys-Dest',
  connId: 'X-Genesys-ConnID',
  side: 'X-Genesys-Record-Side',
  agentId: 'X-Genesys-Agent-Id',
} as const;

/** Headers in a fixed order; optional ones only when their parameter is set (empty partitions: omitted). */
export function recordingHeaders(parameters: RecordingParameters): [string, string][] {
  const headers: [string, string][] = [
    [HEADER.connId, parameters.connId],
    [HEADER.side, parameters.side],
  ];
  if (parameters.recordId !== undefined) headers.push([HEADER.recordId, parameters.recordId]);
  if (parameters.partitions.length > 0) headers.push([HEADER.partitions, parameters.partitions.join(',')]);
  if (parameters.dest !== undefined) headers.push([HEADER.dest, parameters.dest]);
  if (parameters.agentId !== undefined) headers.push([HEADER.agentId, parameters.agentId]);
  return headers;
}

/** Reads the parameters from a header accessor; a missing required header is a WireProfileError. */
export function readRecordingParameters(header: (name: string) => string | undefined): RecordingParameters {
  const connId = header(HEADER.connId);
  if (!connId) throw new WireProfileError(HEADER.connId, 'missing (required on a recording INVITE)');
  const side = header(HEADER.side);
  if (side !== 'source' && side !== 'destination') {
    throw new WireProfileError(HEADER.side, side === undefined ? 'missing (required on a recording INVITE)' : `"${side}" is not source or destination`);
  }
  const partitions = header(HEADER.partitions);
  const optional = (name: string): string | undefined => header(name) ?? undefined;
  return {
    connId,
    side,
    recordId: optional(HEADER.recordId),
    partitions: partitions === undefined ? [] : normalisePartitions(partitions),
    dest: optional(HEADER.dest),
    agentId: optional(HEADER.agentId),
  };
}

/** PROFILE-RULES.md rule 4: split on commas, trim, drop empty items, keep order. */
export function normalisePartitions(list: string): string[] {
  return list.split(',').map((item) => item.trim()).filter((item) => item !== '');
}
