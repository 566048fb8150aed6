/**
 * Synthetic recordings for tests and benches: watermarked streams sent on a 20 ms grid, written by
 * a model recorder that places each frame by its RTP timestamp (anchored on the first arrival),
 * pads lost frames and pause windows with digital silence cut at the exact sample, and decodes
 * G.711. Faults (leaks, foreign frames, swapped channels) and noise are injected on request, and the
 * ground truth (where silence really is) comes back with the audio.
 */
import { G711Law, g711Decode, g711Encode } from '../../media/g711';
import { FRAME_MS, FRAME_SAMPLES, SAMPLE_RATE } from '../../media/watermark/layout';
import { synthesizeFrame } from '../../media/watermark/frame-synth';
import { gaussian, seededRandom } from '../../media/seeded-random';
import { dbfsToAmplitude } from '../scan-options';
import { SentFrameTime, SentStream, TimeWindow } from '../recording-analysis';

export interface SyntheticStream {
  streamId: number;
  /** Channel the recorder writes it to. */
  channel: number;
  /** Channel the analyzer should expect it in (default: `channel`); differs to model crosstalk. */
  expectedChannel?: number | 'none';
  label?: string;
}

export interface SyntheticRecordingOptions {
  law: G711Law;
  /** File length in ms (from recording start). */
  durationMs: number;
  /** Send-clock time of file sample 0. */
  recordingStartMs: number;
  /** Frame n of every stream is sent at senderStartMs + 20 n (fractional: any sample alignment). */
  senderStartMs: number;
  streams: SyntheticStream[];
  channelCount: number;
  pauses?: TimeWindow[];
  lossRate?: number;
  /** Delay of the first packet, which anchors the recorder's timestamp grid (0..jitterMs). */
  jitterMs?: number;
  /** White noise RMS level in dBFS, added over the whole file or to each frame before encoding. */
  noiseDbfs?: number;
  noiseAt?: 'file' | 'phone';
  /** Frames written although sent during a pause: [streamId, index]. */
  leaks?: [number, number][];
  /** Frames written over the frame of `slot`: another stream's (foreign) or an older one (duplicate). */
  foreignFrames?: { channel: number; slot: number; streamId: number; index?: number }[];
  /** Send times run late by a uniform 0..sendJitterMs (timer lateness); the grid stays exact. */
  sendJitterMs?: number;
  /** Windows in which the senders send nothing (hold): the recorder is not paused. */
  holds?: TimeWindow[];
  /** false: the recorder writes frames back to back and pads nothing (no pauses allowed then). */
  recorderPadsGaps?: boolean;
  /** Raw audio written into the file after everything else (e.g. a non-watermark burst). */
  injectedAudio?: { channel: number; start: number; samples: Int16Array }[];
  seed?: number;
}

export interface SyntheticRecording {
  channels: Int16Array[];
  streams: SentStream[];
  /** Per channel: [start, end) sample windows where the recorder wrote nothing (true silence). */
  silences: [number, number][][];
  /** File offset of frame slot 0 (fractional samples before rounding). */
  gridOffsetSamples: number;
  /** Every frame the recorder wrote whole and nothing later overwrote or padded over. */
  wholeFrames: { channel: number; streamId: number; index: number; start: number }[];
}

export function buildSyntheticRecording(options: SyntheticRecordingOptions): SyntheticRecording {
  const random = seededRandom(options.seed ?? 1);
  const length = Math.round((options.durationMs * SAMPLE_RATE) / 1000);
  const channels = Array.from({ length: options.channelCount }, () => new Int16Array(length));
  const written = Array.from({ length: options.channelCount }, () => new Uint8Array(length));
  const pauses = options.pauses ?? [];
  const toSample = (ms: number): number => Math.round(((ms - options.recordingStartMs) * SAMPLE_RATE) / 1000);
  const firstArrivalDelay = random() * (options.jitterMs ?? 0);
  const gridOffsetSamples = ((options.senderStartMs + firstArrivalDelay - options.recordingStartMs) * SAMPLE_RATE) / 1000;
  const leaks = new Set((options.leaks ?? []).map(([id, index]) => `${id}/${index}`));
  const pcm = new Int16Array(FRAME_SAMPLES);
  const codes = new Uint8Array(FRAME_SAMPLES);
  const decoded = new Int16Array(FRAME_SAMPLES);
  const phoneNoise = options.noiseAt === 'phone' && options.noiseDbfs !== undefined ? dbfsToAmplitude(options.noiseDbfs) : 0;
  const lastSlot = Math.ceil((options.durationMs + options.recordingStartMs - options.senderStartMs) / FRAME_MS);
  const sent: SentFrameTime[][] = options.streams.map(() => []);

  const padsGaps = options.recorderPadsGaps !== false;
  if (!padsGaps && pauses.length > 0) throw new RangeError('a recorder that pads no gaps cannot model pauses');
  const writtenPerChannel = new Array<number>(options.channelCount).fill(0);
  const placed: { channel: number; streamId: number; index: number; start: number }[] = [];
  const writeFrame = (channel: number, streamId: number, slot: number, index = slot, atSlot = padsGaps): void => {
    synthesizeFrame(streamId, index, pcm);
    if (phoneNoise > 0) for (let i = 0; i < FRAME_SAMPLES; i++) pcm[i] = clamp(pcm[i] + phoneNoise * gaussian(random));
    g711Decode(options.law, g711Encode(options.law, pcm, codes), decoded);
    const place = atSlot ? slot : writtenPerChannel[channel]++;
    const at = Math.round(gridOffsetSamples + place * FRAME_SAMPLES);
    placed.push({ channel, streamId, index, start: at });
    for (let i = 0; i < FRAME_SAMPLES; i++) {
      const position = at + i;
      if (position < 0 || position >= length) continue;
      channels[channel][position] = decoded[i];
      written[channel][position] = 1;
    }
  };

  for (let slot = 0; slot <= lastSlot; slot++) {
    const dueMs = options.senderStartMs + slot * FRAME_MS;
    if ((options.holds ?? []).some((h) => dueMs >= h.startMs && dueMs < h.endMs)) continue;
    options.streams.forEach((stream, s) => {
      const sentAtMs = dueMs + random() * (options.sendJitterMs ?? 0);
      const lost = (options.lossRate ?? 0) > 0 && random() < (options.lossRate ?? 0);
      sent[s].push({ index: slot, sentAtMs, lost });
      const inPause = pauses.some((p) => sentAtMs >= p.startMs && sentAtMs < p.endMs);
      if (lost || (inPause && !leaks.has(`${stream.streamId}/${slot}`))) return;
      writeFrame(stream.channel, stream.streamId, slot);
    });
  }
  for (const { channel, slot, streamId, index } of options.foreignFrames ?? []) writeFrame(channel, streamId, slot, index, true);
  // The recorder pads the paused span with silence, cutting frames at the exact sample
  // (leaked frames stay: they are the fault under test).
  for (const pause of pauses) {
    const from = Math.max(0, toSample(pause.startMs));
    const to = Math.min(length, toSample(pause.endMs));
    for (let c = 0; c < options.channelCount; c++) {
      for (let i = from; i < to; i++) {
        if (!isLeak(i, c)) {
          channels[c][i] = 0;
          written[c][i] = 0;
        }
      }
    }
  }
  function isLeak(position: number, channel: number): boolean {
    for (const key of leaks) {
      const [id, index] = key.split('/').map(Number);
      const stream = options.streams.find((s) => s.streamId === id);
      if (stream?.channel !== channel) continue;
      const at = Math.round(gridOffsetSamples + index * FRAME_SAMPLES);
      if (position >= at && position < at + FRAME_SAMPLES) return true;
    }
    return false;
  }
  for (const { channel, start, samples } of options.injectedAudio ?? []) {
    channels[channel].set(samples, start);
    written[channel].fill(1, start, start + samples.length);
  }
  if (options.noiseAt !== 'phone' && options.noiseDbfs !== undefined) {
    const rms = dbfsToAmplitude(options.noiseDbfs);
    for (const channel of channels) for (let i = 0; i < length; i++) channel[i] = clamp(channel[i] + rms * gaussian(random));
  }
  const streams: SentStream[] = options.streams.map((s, i) => ({
    streamId: s.streamId,
    channel: s.expectedChannel ?? s.channel,
    label: s.label,
    frames: sent[i],
  }));
  return { channels, streams, silences: written.map(silentRuns), gridOffsetSamples, wholeFrames: intact(placed, written, length) };
}

/** Placed frames that are still whole: inside the file, not padded over, not overwritten later. */
function intact(
  placed: { channel: number; streamId: number; index: number; start: number }[],
  written: Uint8Array[],
  length: number,
): SyntheticRecording['wholeFrames'] {
  const last = new Map<string, number>();
  placed.forEach((frame, i) => last.set(`${frame.channel}/${frame.start}`, i));
  return placed.filter((frame, i) => {
    if (frame.start < 0 || frame.start + FRAME_SAMPLES > length) return false;
    if (last.get(`${frame.channel}/${frame.start}`) !== i) return false;
    for (let k = frame.start; k < frame.start + FRAME_SAMPLES; k++) if (!written[frame.channel][k]) return false;
    return true;
  });
}

function silentRuns(mask: Uint8Array): [number, number][] {
  const runs: [number, number][] = [];
  let i = 0;
  while (i < mask.length) {
    if (mask[i]) {
      i++;
      continue;
    }
    const start = i;
    while (i < mask.length && !mask[i]) i++;
    runs.push([start, i]);
  }
  return runs;
}

function clamp(value: number): number {
  return Math.max(-32768, Math.min(32767, Math.round(value)));
}
