import { randomBytes } from 'node:crypto';
import { FileHandle, mkdir, open, rename, rm } from 'node:fs/promises';
import { RecordingMetadata } from './recording-metadata';
import { RecordingPaths } from './recording-paths';
import { RecordingAudio, writeWavTo } from './recording-wav';

export { RecordingAudio } from './recording-wav';

/**
 * Writes a recording's WAV and metadata so that a reader never sees a partial file under a final
 * name (MS-03): each file is written and fsynced under a temporary name in the same directory,
 * then renamed. The WAV is renamed first, the metadata last: a metadata file means "complete".
 */
export async function writeRecordingFiles(paths: RecordingPaths, audio: RecordingAudio, metadata: RecordingMetadata): Promise<void> {
  await mkdir(paths.directory, { recursive: true });
  await writeAtomically(paths.wav, (handle) => writeWavTo(handle, audio));
  const json = Buffer.from(`${JSON.stringify(metadata, null, 2)}\n`);
  await writeAtomically(paths.metadata, (handle) => handle.writeFile(json));
}

/** Temporary files start with '.' and end in '.part': never mistaken for a recording. */
export function temporaryName(finalPath: string): string {
  const slash = finalPath.lastIndexOf('/');
  return `${finalPath.slice(0, slash + 1)}.${finalPath.slice(slash + 1)}.${randomBytes(4).toString('hex')}.part`;
}

async function writeAtomically(finalPath: string, write: (handle: FileHandle) => Promise<void>): Promise<void> {
  const temporary = temporaryName(finalPath);
  try {
    const handle = await open(temporary, 'wx');
    try {
      await write(handle);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, finalPath);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
