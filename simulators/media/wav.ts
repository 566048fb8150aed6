/**
 * WAV files of 8 kHz telephony audio: write 16-bit PCM (mono or stereo), read 16-bit PCM or G.711
 * (format tags 6 A-law, 7 mu-law, as some recorders write them), always returning one Int16Array
 * per channel. wavefile parses and builds the RIFF structure; de-interleaving is done here because
 * wavefile's per-sample unpacking takes ~0.4 s for a 10-minute stereo file and this takes ~20 ms.
 */
import { WaveFile } from 'wavefile';
import { g711Decode } from './g711';

export interface PcmAudio {
  sampleRate: number;
  /** One array per channel, all the same length; channel 0 is the WAV's first (left) channel. */
  channels: Int16Array[];
}

export class WavFormatError extends Error {
  constructor(message: string, readonly source?: string) {
    super(source ? `${source}: ${message}` : message);
    this.name = 'WavFormatError';
  }
}

const FORMAT_PCM = 1;

const HOST_IS_LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/** WAV samples are little-endian: a typed view when the host agrees and alignment allows, else a copy. */
function littleEndianInt16(bytes: Uint8Array, count: number): Int16Array {
  if (HOST_IS_LITTLE_ENDIAN && bytes.byteOffset % 2 === 0) return new Int16Array(bytes.buffer, bytes.byteOffset, count);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Int16Array(count);
  for (let i = 0; i < count; i++) out[i] = view.getInt16(2 * i, true);
  return out;
}
const FORMAT_ALAW = 6;
const FORMAT_MULAW = 7;

interface FmtChunk {
  audioFormat: number;
  numChannels: number;
  sampleRate: number;
  bitsPerSample: number;
}

export function writeWav(audio: PcmAudio): Buffer {
  const { channels, sampleRate } = audio;
  if (channels.length === 0) throw new WavFormatError('no channels to write');
  const length = channels[0].length;
  if (channels.some((channel) => channel.length !== length)) {
    throw new WavFormatError(`channels differ in length: ${channels.map((c) => c.length).join(', ')}`);
  }
  const interleaved = new Int16Array(length * channels.length);
  for (let c = 0; c < channels.length; c++) {
    const channel = channels[c];
    for (let i = 0, j = c; i < length; i++, j += channels.length) interleaved[j] = channel[i];
  }
  const wav = new WaveFile();
  wav.fromScratch(channels.length, sampleRate, '16', interleaved);
  return Buffer.from(wav.toBuffer());
}

/** A WAV's samples as stored: frame-interleaved 16-bit PCM (G.711 files are decoded). */
export interface InterleavedPcm {
  sampleRate: number;
  channelCount: number;
  /** Sample i of channel c is at [i * channelCount + c]; may be a view into the input bytes. */
  interleaved: Int16Array;
}

/** Reads a WAV without de-interleaving (for passes that only read, like the silence scan). */
export function readWavInterleaved(bytes: Uint8Array, source?: string): InterleavedPcm {
  let wav: WaveFile;
  try {
    wav = new WaveFile(bytes);
  } catch (error) {
    throw new WavFormatError(`not a readable WAV (${(error as Error).message})`, source);
  }
  const fmt = wav.fmt as FmtChunk;
  const data = (wav as unknown as { data: { samples: Uint8Array } }).data.samples;
  const channelCount = fmt.numChannels;
  if (channelCount < 1) throw new WavFormatError(`${channelCount} channels`, source);
  if (fmt.audioFormat === FORMAT_PCM && fmt.bitsPerSample === 16) {
    const frames = Math.floor(data.length / (2 * channelCount));
    return { sampleRate: fmt.sampleRate, channelCount, interleaved: littleEndianInt16(data, frames * channelCount) };
  }
  if ((fmt.audioFormat === FORMAT_ALAW || fmt.audioFormat === FORMAT_MULAW) && fmt.bitsPerSample === 8) {
    const frames = Math.floor(data.length / channelCount);
    const law = fmt.audioFormat === FORMAT_ALAW ? 'alaw' : 'mulaw';
    return { sampleRate: fmt.sampleRate, channelCount, interleaved: g711Decode(law, data.subarray(0, frames * channelCount)) };
  }
  throw new WavFormatError(
    `format tag ${fmt.audioFormat} with ${fmt.bitsPerSample} bits is not 16-bit PCM, A-law or mu-law`,
    source,
  );
}

/** Reads a WAV; `source` (e.g. the file name) only labels errors. */
export function readWav(bytes: Uint8Array, source?: string): PcmAudio {
  const { sampleRate, channelCount, interleaved } = readWavInterleaved(bytes, source);
  const frames = Math.floor(interleaved.length / channelCount);
  const channels: Int16Array[] = [];
  for (let c = 0; c < channelCount; c++) {
    const channel = new Int16Array(frames);
    for (let i = 0, at = c; i < frames; i++, at += channelCount) channel[i] = interleaved[at];
    channels.push(channel);
  }
  return { sampleRate, channels };
}
