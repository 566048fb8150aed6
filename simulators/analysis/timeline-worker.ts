/**
 * A worker thread that builds channel timelines (timeline-pool.ts sends the work): the scan of one
 * channel is independent of the others, so channels of a long recording are scanned side by side.
 */
import { parentPort } from 'node:worker_threads';
import { buildChannelTimeline } from './channel-timeline';
import { SentIndexLookup } from './sent-index-table';
import { TimelineJob, TimelineReply } from './timeline-pool';
import { packTimeline } from './timeline-transfer';

parentPort!.on('message', (job: TimelineJob) => {
  let built: ReturnType<typeof packTimeline>;
  try {
    built = packTimeline(buildChannelTimeline(job.channel, job.samples, job.options, new SentIndexLookup(job.sent)));
  } catch (error) {
    const reply: TimelineReply = { id: job.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    return parentPort!.postMessage(reply);
  }
  const reply: TimelineReply = { id: job.id, timeline: built.packed };
  parentPort!.postMessage(reply, built.transfer);
});
