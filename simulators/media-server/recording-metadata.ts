import { RecordingParameters } from '../gir-msml/recording-headers';
import { RecordingEvent } from './recording-state';

/** The metadata JSON written beside each recording (REQUIREMENTS.md MS-03). */
export interface RecordingMetadata {
  id: string;
  connId: string;
  dn: string;
  agentId: string | null;
  side: 'source' | 'destination';
  partitions: string[];
  dest: string | null;
  startedAt: string;
  stoppedAt: string;
  events: { type: RecordingEvent['type']; at: string }[];
  /** Not in MS-03's list, kept for readers: the file's layout. */
  channels: { 1: 'party side (a=label:1)'; 2: 'other party (a=label:2)' };
  sampleRate: 8000;
}

export function recordingMetadata(input: {
  id: string;
  dn: string;
  parameters: RecordingParameters;
  events: readonly RecordingEvent[];
}): RecordingMetadata {
  const started = input.events.find((e) => e.type === 'started');
  const stopped = input.events.find((e) => e.type === 'stopped');
  if (!started || !stopped) throw new Error(`recording ${input.id}: metadata needs a started and a stopped event`);
  return {
    id: input.id,
    connId: input.parameters.connId,
    dn: input.dn,
    agentId: input.parameters.agentId ?? null,
    side: input.parameters.side,
    partitions: [...input.parameters.partitions],
    dest: input.parameters.dest ?? null,
    startedAt: started.at,
    stoppedAt: stopped.at,
    events: input.events.map((e) => ({ type: e.type, at: e.at })),
    channels: { 1: 'party side (a=label:1)', 2: 'other party (a=label:2)' },
    sampleRate: 8000,
  };
}
