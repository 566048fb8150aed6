import { randomBytes } from 'node:crypto';
import { FileHandle, mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SampleReader } from './channel-track';
import { RecordingMetadata } from './recording-metadata';
import { RecordingPaths } from './recording-paths';
import { RecordingAudio, wavHeader, writeWavFrames } from './recording-wav';

export { RecordingAudio } from './recording-wav';

export interface RecordingFileOptions {
  /**
   * Called once the WAV's temporary holds its header and first chunk, and awaited before the rest
   * is written: a slow disk (fault knob writeStallMs), so that a test can kill the process mid-write.
   */
  midWavWrite?: () => Promise<void>;
  /** The WAV's temporary as the recording already wrote it (WavSpool); opened here when absent. */
  spool?: WavSpool;
}

/**
 * A recording's WAV growing under its hidden temporary while the recording runs, so that the Media
 * Server holds in memory only the audio not yet settled, however long the call. The header gets
 * its final length in complete(); until then the temporary is never mistaken for a recording.
 */
export class WavSpool {
  private frames = 0;
  private closed = false;

  private constructor(readonly temporary: string, private readonly handle: FileHandle, private readonly channelCount: number, private readonly sampleRate: number) {}

  static async open(finalPath: string, channelCount: number, sampleRate: number): Promise<WavSpool> {
    await mkdir(dirname(finalPath), { recursive: true });
    const temporary = temporaryName(finalPath);
    const handle = await open(temporary, 'wx');
    const spool = new WavSpool(temporary, handle, channelCount, sampleRate);
    try {
      await handle.write(wavHeader(channelCount, sampleRate, 0), 0, undefined, 0);
    } catch (error) {
      await spool.discard();
      throw error;
    }
    return spool;
  }

  /** Frames in the file so far. */
  get framesWritten(): number {
    return this.frames;
  }

  /** Appends frames [framesWritten, upTo) read from `channels`. */
  async append(channels: readonly SampleReader[], upTo: number): Promise<void> {
    this.checkChannels(channels.length);
    await writeWavFrames(this.handle, channels, this.frames, upTo);
    this.frames = Math.max(this.frames, upTo);
  }

  /** Writes the rest of `audio`, the header with its length, fsyncs and closes; resolves with the temporary's name. */
  async complete(audio: RecordingAudio, afterFirstChunk?: () => Promise<void>): Promise<string> {
    this.checkChannels(audio.channels.length);
    if (audio.frames < this.frames) throw new RangeError(`the recording ends at frame ${audio.frames}, before the ${this.frames} frames already written`);
    await writeWavFrames(this.handle, audio.channels, this.frames, audio.frames, afterFirstChunk);
    this.frames = audio.frames;
    await this.handle.write(wavHeader(this.channelCount, this.sampleRate, audio.frames), 0, undefined, 0);
    await this.handle.sync();
    this.closed = true;
    await this.handle.close();
    return this.temporary;
  }

  /** Closes and removes the temporary: the recording failed. */
  async discard(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      await this.handle.close().catch(() => undefined);
    }
    await rm(this.temporary, { force: true });
  }

  private checkChannels(count: number): void {
    if (count !== this.channelCount) throw new RangeError(`the WAV has ${this.channelCount} channels, given ${count}`);
  }
}

/**
 * Writes a recording's WAV and metadata so that a reader never sees a partial file under a final
 * name (MS-03): each file is written and fsynced under a temporary name in the same directory, and
 * only when both are complete are they renamed, the WAV first, the metadata last (a metadata file
 * means "complete"). A process killed at any point before the renames leaves only temporaries; the
 * renames are two consecutive system calls, so a WAV without its metadata needs a kill between them.
 */
export async function writeRecordingFiles(paths: RecordingPaths, audio: RecordingAudio, metadata: RecordingMetadata, options: RecordingFileOptions = {}): Promise<void> {
  await mkdir(paths.directory, { recursive: true });
  const spool = options.spool ?? (await WavSpool.open(paths.wav, audio.channels.length, audio.sampleRate));
  const written: string[] = [];
  try {
    written.push(await spool.complete(audio, options.midWavWrite));
    const json = Buffer.from(`${JSON.stringify(metadata, null, 2)}\n`);
    written.push(await writeTemporary(paths.metadata, (handle) => handle.writeFile(json)));
    await rename(written[0], paths.wav);
    written.shift();
    await rename(written[0], paths.metadata);
  } catch (error) {
    await spool.discard();
    await Promise.all(written.map((temporary) => rm(temporary, { force: true })));
    throw error;
  }
}

/** Temporary files start with '.' and end in '.part': never mistaken for a recording. */
export function temporaryName(finalPath: string): string {
  const slash = finalPath.lastIndexOf('/');
  return `${finalPath.slice(0, slash + 1)}.${finalPath.slice(slash + 1)}.${randomBytes(4).toString('hex')}.part`;
}

/** Writes and fsyncs a temporary beside `finalPath`; resolves with its name (removed again on failure). */
async function writeTemporary(finalPath: string, write: (handle: FileHandle) => Promise<void>): Promise<string> {
  const temporary = temporaryName(finalPath);
  try {
    const handle = await open(temporary, 'wx');
    try {
      await write(handle);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return temporary;
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
