import { randomBytes } from 'node:crypto';
import { FileHandle, mkdir, open, rename, rm } from 'node:fs/promises';
import { RecordingMetadata } from './recording-metadata';
import { RecordingPaths } from './recording-paths';
import { RecordingAudio, writeWavTo } from './recording-wav';

export { RecordingAudio } from './recording-wav';

export interface RecordingFileOptions {
  /**
   * Called once the WAV's temporary holds its header and first chunk, and awaited before the rest
   * is written: a slow disk (fault knob writeStallMs), so that a test can kill the process mid-write.
   */
  midWavWrite?: () => Promise<void>;
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
  const written: string[] = [];
  try {
    written.push(await writeTemporary(paths.wav, async (handle) => writeWavTo(handle, audio, options.midWavWrite)));
    const json = Buffer.from(`${JSON.stringify(metadata, null, 2)}\n`);
    written.push(await writeTemporary(paths.metadata, (handle) => handle.writeFile(json)));
    await rename(written[0], paths.wav);
    written.shift();
    await rename(written[0], paths.metadata);
  } catch (error) {
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
