import { isAbsolute, join, relative, resolve, sep } from 'node:path';

/** A record id or dest that would place files outside the recordings root (SEL-07). */
export class RecordingPathError extends Error {
  constructor(readonly field: 'id' | 'dest', readonly value: string, reason: string) {
    super(`${field} "${value.replace(/\0/g, '\\0')}" refused: ${reason}`);
    this.name = 'RecordingPathError';
  }
}

export interface RecordingPaths {
  directory: string;
  wav: string;
  metadata: string;
}

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@:+-]{0,127}$/;

/**
 * Where a recording's files go: `<root>/<dest>/<id>.wav` and `.json` (`<root>/<dest>/<day>/…` with
 * a dated folder, a name the server makes itself). The id is one safe file-name
 * token; dest is a relative path of safe segments. Both are checked before any file is touched, and
 * the result is checked again to lie under the root (defence in depth against a future rule change).
 */
export function recordingPaths(root: string, id: string, dest?: string, datedFolder?: string): RecordingPaths {
  checkUnsafe('id', id);
  if (!ID_PATTERN.test(id) || id.includes('..')) {
    throw new RecordingPathError('id', id, 'not a file-name token (letters, digits, . _ @ : + -, no "..")');
  }
  let directory = resolve(root);
  if (dest !== undefined && dest !== '') {
    checkUnsafe('dest', dest);
    if (isAbsolute(dest) || dest.startsWith('/')) throw new RecordingPathError('dest', dest, 'absolute path');
    const segments = dest.split('/').filter((segment) => segment !== '' && segment !== '.');
    if (segments.some((segment) => segment === '..')) throw new RecordingPathError('dest', dest, '".." leaves the recordings root');
    directory = join(directory, ...segments);
  }
  if (datedFolder !== undefined) directory = join(directory, datedFolder);
  const within = relative(resolve(root), directory);
  if (within.startsWith('..') || isAbsolute(within) || within.split(sep).includes('..')) {
    throw new RecordingPathError(dest === undefined ? 'id' : 'dest', dest ?? id, 'resolves outside the recordings root');
  }
  return { directory, wav: join(directory, `${id}.wav`), metadata: join(directory, `${id}.json`) };
}

function checkUnsafe(field: 'id' | 'dest', value: string): void {
  if (value.includes('\0')) throw new RecordingPathError(field, value, 'contains NUL');
  if (value.includes('\\')) throw new RecordingPathError(field, value, 'contains a backslash');
}

/** The paths without any check (mutant ms-follows-dotdot): what a careless recorder does. */
export function uncheckedRecordingPaths(root: string, id: string, dest?: string): RecordingPaths {
  const directory = resolve(root, dest ?? '');
  return { directory, wav: join(directory, `${id}.wav`), metadata: join(directory, `${id}.json`) };
}
