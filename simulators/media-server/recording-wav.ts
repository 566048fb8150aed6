/**
 * The recording's WAV, written to an open file a chunk at a time: the same bytes as
 * simulators/media's writeWav (a 44-byte RIFF/WAVE header, 16-bit PCM, frames interleaved), built
 * straight from the channels without a whole-file copy. A Media Server finishing many recordings
 * must not hold its event loop for a whole file (a general-purpose WAV packer spends ~2 µs a
 * sample: over 100 ms for a minute of stereo, during which no command is timestamped and no RTP
 * read); here each chunk costs tens of µs and the loop runs between chunks.
 */
import { endianness } from 'node:os';
import type { FileHandle } from 'node:fs/promises';

const HEADER_BYTES = 44;
const BYTES_PER_SAMPLE = 2;
const FORMAT_PCM = 1;
/** Frames per write: 2 s of 8 kHz audio, 64 KiB for stereo. */
export const CHUNK_FRAMES = 16_000;
const LITTLE_ENDIAN = endianness() === 'LE';

export interface RecordingAudio {
  /** One array per channel; a channel shorter than `frames` is padded with digital silence, a longer one cut. */
  channels: readonly Int16Array[];
  frames: number;
  sampleRate: number;
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

/**
 * Frames [from, from + out.length / channels) of `channels`, interleaved into `out` (native byte
 * order); past a channel's end, zeros.
 */
export function interleave(channels: readonly Int16Array[], from: number, out: Int16Array): void {
  const count = channels.length;
  const frames = out.length / count;
  for (let c = 0; c < count; c++) {
    const channel = channels[c];
    const available = Math.max(0, Math.min(frames, channel.length - from));
    let j = c;
    for (let i = 0; i < available; i++, j += count) out[j] = channel[from + i];
    for (let i = available; i < frames; i++, j += count) out[j] = 0;
  }
}

/** Writes the whole WAV of `audio` at the start of `handle`. */
export async function writeWavTo(handle: FileHandle, audio: RecordingAudio): Promise<void> {
  const count = audio.channels.length;
  if (count === 0) throw new RangeError('a WAV needs at least one channel');
  await handle.write(wavHeader(count, audio.sampleRate, audio.frames), 0, HEADER_BYTES, 0);
  const chunk = Buffer.alloc(Math.min(CHUNK_FRAMES, audio.frames) * count * BYTES_PER_SAMPLE);
  let position = HEADER_BYTES;
  for (let from = 0; from < audio.frames; from += CHUNK_FRAMES) {
    const frames = Math.min(CHUNK_FRAMES, audio.frames - from);
    const bytes = frames * count * BYTES_PER_SAMPLE;
    interleave(audio.channels, from, new Int16Array(chunk.buffer, chunk.byteOffset, frames * count));
    if (!LITTLE_ENDIAN) chunk.subarray(0, bytes).swap16();
    await handle.write(chunk, 0, bytes, position);
    position += bytes;
  }
}
