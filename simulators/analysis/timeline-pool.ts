/**
 * Channel timelines of a long recording built side by side: every channel but the last goes to a
 * worker thread while this thread scans the last. The scan is most of the analysis and each
 * channel's is independent, so on a machine with a core to spare a stereo recording takes about
 * half the time. Short recordings (every ordinary scenario's) and one-core machines scan here: a
 * worker's round trip would cost more than it saves.
 *
 * Workers start on first use, stay for the next recording, and never keep the process alive.
 */
import { availableParallelism } from 'node:os';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { buildChannelTimeline } from './channel-timeline';
import { ChannelTimeline } from './recording-analysis';
import { ScanOptions } from './scan-options';
import { SendLogIndex } from './send-log-index';
import { SentIndexTable } from './sent-index-table';
import { PackedTimeline, unpackTimeline } from './timeline-transfer';

/** Below 30 s a channel scans in about 30 ms: not worth a thread's round trip and copies. */
export const PARALLEL_MIN_SAMPLES = 30 * 8000;

export interface TimelineJob {
  id: number;
  channel: number;
  samples: Int16Array;
  options: ScanOptions;
  sent: SentIndexTable;
}

export type TimelineReply = { id: number; timeline: PackedTimeline } | { id: number; error: string };

/** How many threads would scan `channels` channels of `samples` samples each (this one included). */
export function scanThreads(channels: number, samples: number, cores = availableParallelism()): number {
  if (samples < PARALLEL_MIN_SAMPLES) return 1;
  return Math.max(1, Math.min(channels, cores));
}

export async function buildChannelTimelines(
  channels: readonly Int16Array[],
  options: ScanOptions,
  sendLog: SendLogIndex,
  sent: () => SentIndexTable,
  threads = scanThreads(channels.length, channels[0]?.length ?? 0),
): Promise<ChannelTimeline[]> {
  if (threads === 1) return channels.map((samples, channel) => buildChannelTimeline(channel, samples, options, sendLog));
  const table = sent();
  const timelines: Promise<ChannelTimeline>[] = [];
  // Channels 0..n-2 round-robin over threads - 1 workers; the last one here, meanwhile.
  for (let channel = 0; channel < channels.length - 1; channel++) {
    timelines.push(pool.worker(channel % (threads - 1)).build({ channel, samples: channels[channel], options, sent: table }));
  }
  const last = channels.length - 1;
  const here = buildChannelTimeline(last, channels[last], options, sendLog);
  return [...(await Promise.all(timelines)), here];
}

class TimelineWorker {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (t: ChannelTimeline) => void; reject: (e: Error) => void }>();
  private nextId = 1;

  constructor() {
    // Its own TypeScript loader (execArgv cleared): the worker loads the same way under tsx,
    // ts-node or compiled JavaScript, whatever loader this thread came with.
    const module = join(__dirname, `timeline-worker${extname(__filename)}`);
    const bootstrap = module.endsWith('.ts')
      ? `require(${JSON.stringify(require.resolve('tsx/cjs/api'))}).register(); require(${JSON.stringify(module)});`
      : `require(${JSON.stringify(module)});`;
    this.worker = new Worker(bootstrap, { eval: true, execArgv: [] });
    this.worker.unref();
    this.worker.on('message', (reply: TimelineReply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (this.pending.size === 0) this.worker.unref();
      if (!waiting) return;
      if ('error' in reply) waiting.reject(new Error(`timeline worker: ${reply.error}`));
      else waiting.resolve(unpackTimeline(reply.timeline));
    });
    this.worker.on('error', (error) => this.failAll(error));
    this.worker.on('exit', (code) => this.failAll(new Error(`timeline worker exited with code ${code}`)));
  }

  build(job: Omit<TimelineJob, 'id'>): Promise<ChannelTimeline> {
    const id = this.nextId++;
    // A view posts its whole underlying buffer: send only this channel's samples.
    const samples = job.samples.byteLength === job.samples.buffer.byteLength ? job.samples : job.samples.slice();
    return new Promise((resolve, reject) => {
      // Held only while it has work: an awaited scan must not end with a process that had nothing else to do.
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...job, id, samples } satisfies TimelineJob);
    });
  }

  private failAll(error: Error): void {
    pool.forget(this);
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}

const pool = new (class {
  private readonly workers: (TimelineWorker | undefined)[] = [];

  worker(slot: number): TimelineWorker {
    return (this.workers[slot] ??= new TimelineWorker());
  }

  forget(worker: TimelineWorker): void {
    const slot = this.workers.indexOf(worker);
    if (slot >= 0) this.workers[slot] = undefined;
  }
})();
