/**
 * The frame source an endpoint sends: frame n of stream `streamId`, as PCM or as a G.711 payload.
 * Synthesis costs a few microseconds a frame (18 table-driven tones + one table lookup per sample to
 * encode), so hundreds of streams at 50 frames/s need no cache; the last frame is kept because an
 * RTP sender may ask for the same index twice (a retransmitted or duplicated packet).
 */
import { G711Law, g711Encode } from '../g711';
import { FRAME_SAMPLES, assertStreamId } from './layout';
import { synthesizeFrame } from './frame-synth';
import { FrameSource } from '../rtp-sender';

export class WatermarkSource {
  private lastIndex = -1;
  private readonly lastPcm = new Int16Array(FRAME_SAMPLES);

  constructor(readonly streamId: number) {
    assertStreamId(streamId);
  }

  /** PCM of frame `index`; a fresh array unless `out` is given. */
  pcm(index: number, out = new Int16Array(FRAME_SAMPLES)): Int16Array {
    if (index !== this.lastIndex) {
      synthesizeFrame(this.streamId, index, this.lastPcm);
      this.lastIndex = index;
    }
    out.set(this.lastPcm);
    return out;
  }

  /** The 160-byte G.711 payload of frame `index`; a fresh array unless `out` is given. */
  payload(index: number, law: G711Law, out = new Uint8Array(FRAME_SAMPLES)): Uint8Array {
    if (index !== this.lastIndex) {
      synthesizeFrame(this.streamId, index, this.lastPcm);
      this.lastIndex = index;
    }
    return g711Encode(law, this.lastPcm, out);
  }

  /** This stream as an RtpSender frame source in `law` (the payload buffer is reused per call). */
  frameSource(law: G711Law): FrameSource {
    const scratch = new Uint8Array(FRAME_SAMPLES);
    return { payload: (index) => this.payload(index, law, scratch) };
  }
}
