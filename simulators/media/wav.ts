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

/** Reads a WAV; `source` (e.g. the file name) only labels errors. */
export function readWav(bytes: Uint8Array, source?: string): PcmAudio {
  let wav: WaveFile;
  try {
    wav = new WaveFile(bytes);
  } catch (error) {
    throw new WavFormatError(`not a readable WAV (${(error as Error).message})`, source);
  }
  const fmt = wav.fmt as FmtChunk;
  const data = (wav as unknown as { data: { samples: Uint8Array } }).data.samples;
  const count = fmt.numChannels;
  if (count < 1) throw new WavFormatError(`${count} channels`, source);
  const channels: Int16Array[] = [];
  if (fmt.audioFormat === FORMAT_PCM && fmt.bitsPerSample === 16) {
    const frames = Math.floor(data.length / (2 * count));
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    for (let c = 0; c < count; c++) {
      const channel = new Int16Array(frames);
      for (let i = 0, at = 2 * c; i < frames; i++, at += 2 * count) channel[i] = view.getInt16(at, true);
      channels.push(channel);
    }
  } else if ((fmt.audioFormat === FORMAT_ALAW || fmt.audioFormat === FORMAT_MULAW) && fmt.bitsPerSample === 8) {
    const law = fmt.audioFormat === FORMAT_ALAW ? 'alaw' : 'mulaw';
    const frames = Math.floor(data.length / count);
    for (let c = 0; c < count; c++) {
      const codes = new Uint8Array(frames);
      for (let i = 0, at = c; i < frames; i++, at += count) codes[i] = data[at];
      channels.push(g711Decode(law, codes));
    }
  } else {
    throw new WavFormatError(
      `format tag ${fmt.audioFormat} with ${fmt.bitsPerSample} bits is not 16-bit PCM, A-law or mu-law`,
      source,
    );
  }
  return { sampleRate: fmt.sampleRate, channels };
}
