/**
 * What a channel timeline needs of the send log (each stream's first index, which indexes it sent),
 * as typed arrays: a worker thread gets it in one cheap copy instead of every sent frame's object.
 */
import { SentIndexes } from './channel-timeline';
import { SentStream } from './recording-analysis';
import { fitsArrayByOffset } from './send-log-index';

export interface SentIndexTable {
  streams: {
    streamId: number;
    first: number;
    /** sent[i] is 1 when index first + i was sent (a run of indexes, fitsArrayByOffset)... */
    sent: Uint8Array;
    /** ...or, for indexes too far apart for that, every sent index in order. */
    scattered?: Float64Array;
  }[];
}

export function sentIndexTable(streams: readonly SentStream[]): SentIndexTable {
  return {
    streams: streams.map(({ streamId, frames }) => {
      if (frames.length === 0) return { streamId, first: 0, sent: new Uint8Array(0) };
      let first = Infinity;
      let last = -Infinity;
      for (const { index } of frames) {
        if (index < first) first = index;
        if (index > last) last = index;
      }
      if (!fitsArrayByOffset(frames.length, first, last)) {
        return { streamId, first, sent: new Uint8Array(0), scattered: Float64Array.from(frames, (f) => f.index).sort() };
      }
      const sent = new Uint8Array(last - first + 1);
      for (const { index } of frames) sent[index - first] = 1;
      return { streamId, first, sent };
    }),
  };
}

/** SentIndexes over a SentIndexTable, with SendLogIndex's answers for unknown and empty streams. */
export class SentIndexLookup implements SentIndexes {
  private readonly byId = new Map<number, SentIndexTable['streams'][number]>();

  constructor(table: SentIndexTable) {
    for (const stream of table.streams) this.byId.set(stream.streamId, stream);
  }

  firstIndex(streamId: number): number {
    const stream = this.byId.get(streamId);
    return stream && (stream.sent.length > 0 || stream.scattered) ? stream.first : 0;
  }

  mayHaveSent(streamId: number, index: number): boolean {
    const stream = this.byId.get(streamId);
    if (stream?.scattered) return includesSorted(stream.scattered, index);
    if (!stream || stream.sent.length === 0) return true;
    return stream.sent[index - stream.first] === 1;
  }
}

function includesSorted(values: Float64Array, value: number): boolean {
  let low = 0;
  let high = values.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (values[middle] === value) return true;
    if (values[middle] < value) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}
