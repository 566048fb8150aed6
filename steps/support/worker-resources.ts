import { PortBlock } from '../../simulators/net/port-block';
import { MAX_STREAM_ID } from '../../simulators/media';

/** Resources one Cucumber worker process shares across its scenarios. */
let portBlock: PortBlock | undefined;

export function workerPortBlock(): PortBlock {
  portBlock ??= new PortBlock();
  return portBlock;
}

let nextStream: number | undefined;

/**
 * Watermark stream ids, unique within a worker and spread across workers, so that audio from
 * another scenario or call is always told apart (the analyzer's foreign-stream verdict).
 */
export function allocateStreamId(): number {
  const worker = Number(process.env.CUCUMBER_WORKER_ID ?? 0);
  nextStream ??= ((worker * 997) % MAX_STREAM_ID) + 1;
  const id = nextStream;
  nextStream = (nextStream % MAX_STREAM_ID) + 1;
  return id;
}
