/**
 * The recording's WAV, written to an open file a chunk at a time: the same bytes as
 * simulators/media's writeWav (a 44-byte RIFF/WAVE header, 16-bit PCM, frames interleaved), read
 * from the channels' tracks span by span, never as a whole-file copy. A Media Server finishing many recordings
 * must not hold its event loop for a whole file (a general-purpose WAV packer spends ~2 µs a
 * sample: over 100 ms for a minute of stereo, during which no command is timestamped and no RTP
 * read); here each chunk costs tens of µs and the loop runs between chunks.
 */
import { endianness } from 'node:os';
import type { FileHandle } from 'node:fs/promises';
import type { SampleReader } from './channel-track';

const HEADER_BYTES = 44;
const BYTES_PER_SAMPLE = 2;
const FORMAT_PCM = 1;
/** Frames per write: 2 s of 8 kHz audio, 64 KiB for stereo. */
export const CHUNK_FRAMES = 16_000;
const LITTLE_ENDIAN = endianness() === 'LE';

export interface RecordingAudio {
  /** One reader per channel (a ChannelTrack's, or arrayReader's), each read over [0, frames). */
  channels: readonly SampleReader[];
  frames: number;
  sampleRate: number;
}

/** An array as a channel: its samples, then digital silence; cut at `length` (default its own). */
export function arrayReader(samples: Int16Array, length = samples.length): SampleReader {
  return {
    length,
    read(from, into) {
      const available = Math.max(0, Math.min(into.length, samples.length - from, length - from));
      into.set(samples.subarray(from, from + available));
      into.fill(0, available);
    },
  };
}

/** The header of a 16-bit PCM WAV of `frames` frames: RIFF/WAVE, a 16-byte fmt chunk, the data chunk. */
export function wavHeader(channelCount: number, sampleRate: number, frames: number): Buffer {
  const dataBytes = frames * channelCount * BYTES_PER_SAMPLE;
  const header = Buffer.alloc(HEADER_BYTES);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(HEADER_BYTES - 8 + dataBytes, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(FORMAT_PCM, 20);
  header.writeUInt16LE(channelCount, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * channelCount * BYTES_PER_SAMPLE, 28);
  header.writeUInt16LE(channelCount * BYTES_PER_SAMPLE, 32);
  header.writeUInt16LE(8 * BYTES_PER_SAMPLE, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(dataBytes, 40);
  return header;
}

/** Equal-length channels interleaved frame by frame into `out` (native byte order). */
export function interleave(channels: readonly Int16Array[], out: Int16Array): void {
  const count = channels.length;
  for (let c = 0; c < count; c++) {
    const channel = channels[c];
    for (let i = 0, j = c; i < channel.length; i++, j += count) out[j] = channel[i];
  }
}

/** Writes the whole WAV of `audio` at the start of `handle`; `afterFirstChunk` is awaited once the header and first chunk are written. */
export async function writeWavTo(handle: FileHandle, audio: RecordingAudio, afterFirstChunk?: () => Promise<void>): Promise<void> {
  if (audio.channels.length === 0) throw new RangeError('a WAV needs at least one channel');
  await handle.write(wavHeader(audio.channels.length, audio.sampleRate, audio.frames), 0, HEADER_BYTES, 0);
  await writeWavFrames(handle, audio.channels, 0, audio.frames, afterFirstChunk);
}

/**
 * Writes frames [from, to) of `channels` where they belong in the file (after the header), a chunk
 * at a time; `afterFirstChunk` is awaited after the first chunk, or at once when there is none.
 */
export async function writeWavFrames(handle: FileHandle, channels: readonly SampleReader[], from: number, to: number, afterFirstChunk?: () => Promise<void>): Promise<void> {
  const count = channels.length;
  if (count === 0) throw new RangeError('a WAV needs at least one channel');
  const { chunk, spans } = takeChunkBuffers(count);
  try {
    await writeChunks(handle, channels, from, to, chunk, spans, afterFirstChunk);
  } finally {
    giveChunkBuffers(count, { chunk, spans });
  }
  if (to <= from) await afterFirstChunk?.();
}

interface ChunkBuffers {
  chunk: Buffer;
  spans: Int16Array[];
}

/**
 * A chunk's buffers (128 KiB for stereo), reused from one file to the next: a Media Server stopping
 * hundreds of sessions would otherwise allocate them per file, and growing external memory sets
 * off full garbage collections (see block-pool.ts). As many sets exist as files are written at once.
 */
const idleChunkBuffers = new Map<number, ChunkBuffers[]>();

function takeChunkBuffers(channels: number): ChunkBuffers {
  return idleChunkBuffers.get(channels)?.pop() ?? {
    chunk: Buffer.alloc(CHUNK_FRAMES * channels * BYTES_PER_SAMPLE),
    spans: Array.from({ length: channels }, () => new Int16Array(CHUNK_FRAMES)),
  };
}

function giveChunkBuffers(channels: number, buffers: ChunkBuffers): void {
  const idle = idleChunkBuffers.get(channels) ?? [];
  idle.push(buffers);
  idleChunkBuffers.set(channels, idle);
}

async function writeChunks(handle: FileHandle, readers: readonly SampleReader[], start: number, end: number, chunk: Buffer, spans: Int16Array[], afterFirstChunk?: () => Promise<void>): Promise<void> {
  const count = readers.length;
  for (let from = start; from < end; from += CHUNK_FRAMES) {
    const frames = Math.min(CHUNK_FRAMES, end - from);
    const bytes = frames * count * BYTES_PER_SAMPLE;
    const channels = spans.map((span, c) => {
      const part = span.subarray(0, frames);
      readers[c].read(from, part);
      return part;
    });
    interleave(channels, new Int16Array(chunk.buffer, chunk.byteOffset, frames * count));
    if (!LITTLE_ENDIAN) chunk.subarray(0, bytes).swap16();
    await handle.write(chunk, 0, bytes, HEADER_BYTES + from * count * BYTES_PER_SAMPLE);
    if (from === start) await afterFirstChunk?.();
  }
}
