import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * How the harness finds a recorder's files (`sut.recordingsLayout`, PROFILE-RULES.md rule 28):
 * where a recorder files a recording when no dest is given is its own choice (many use dated
 * folders), but the file name carries the record id, and with a dest the files are under
 * `<recordings>/<dest>/`.
 *   - `byId` (default): the `.wav` and `.json` whose names carry the id, anywhere under the
 *     recordings root, or under `<root>/<dest>/` when a dest was given;
 *   - a pattern of path segments such as `{dest}/{date}/{id}`: `{dest}` is the dest's segments (none
 *     without a dest), `{date}` or `*` any one folder, `{id}` the record id; the last segment is the
 *     file name without its extension.
 */
export type RecordingsLayout = string;

export const PLACEHOLDERS = ['{dest}', '{date}', '{id}'] as const;

/** The problem with a layout, or undefined when it is `byId` or a usable pattern (for the profile schema). */
export function layoutProblem(layout: string): string | undefined {
  if (layout === 'byId') return undefined;
  const segments = layout.split('/');
  if (layout.startsWith('/') || segments.some((s) => s === '' || s === '.' || s === '..')) return 'a relative path of folder names, without "." or ".."';
  const unknown = layout.match(/\{[^}]*\}/g)?.filter((p) => !(PLACEHOLDERS as readonly string[]).includes(p));
  if (unknown?.length) return `unknown placeholder(s) ${unknown.join(', ')}; known: ${PLACEHOLDERS.join(' ')}`;
  if (!segments[segments.length - 1].includes('{id}')) return 'the last segment (the file name) must carry {id}';
  if (segments.slice(0, -1).some((s) => s.includes('{id}'))) return '{id} belongs in the file name, the last segment';
  if (segments.some((s) => s.includes('{dest}') && s !== '{dest}')) return '{dest} stands alone in its segment';
  return undefined;
}

/** Two files of one kind could each be a recording's: the harness cannot tell which the recorder meant. */
export class AmbiguousRecordingError extends Error {
  constructor(readonly id: string, readonly candidates: string[]) {
    super(`recording ${id}: ${candidates.length} files could be its ${candidates[0].endsWith('.wav') ? 'WAV' : 'metadata'}: ${candidates.join(' and ')}`);
    this.name = 'AmbiguousRecordingError';
  }
}

export interface FoundRecordingFiles {
  wav?: string;
  metadata?: string;
}

/** Where the layout looks for a recording, for messages: `<root>/sales (any depth)`. */
export function describeSearch(root: string, layout: RecordingsLayout, dest?: string): string {
  if (layout === 'byId') return `${join(root, ...destSegments(dest))} (any depth, file names carrying the id)`;
  return join(root, layout);
}

/** The recording's files as they are now; an error naming both when two candidates match. */
export function findRecordingFiles(root: string, layout: RecordingsLayout, id: string, dest?: string): FoundRecordingFiles {
  const candidates = layout === 'byId' ? searchById(join(root, ...destSegments(dest)), id) : searchByPattern(root, layout, id, dest);
  const pick = (extension: string): string | undefined => {
    const matches = candidates.filter((file) => file.endsWith(extension)).sort();
    if (matches.length > 1) throw new AmbiguousRecordingError(id, matches);
    return matches[0];
  };
  return { wav: pick('.wav'), metadata: pick('.json') };
}

/**
 * A file name carries the id when the id appears in its stem bounded by the stem's ends or by
 * characters that are neither letters nor digits: `gir-1` is in `2026-12-02_gir-1.wav`, not in
 * `gir-10.wav`, so recorder-made counters do not collide.
 */
export function nameCarriesId(name: string, id: string): boolean {
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  for (let at = stem.indexOf(id); at >= 0; at = stem.indexOf(id, at + 1)) {
    const before = stem[at - 1];
    const after = stem[at + id.length];
    if ((before === undefined || !/[A-Za-z0-9]/.test(before)) && (after === undefined || !/[A-Za-z0-9]/.test(after))) return true;
  }
  return false;
}

function destSegments(dest?: string): string[] {
  return dest ? dest.split('/').filter((s) => s !== '' && s !== '.') : [];
}

const isRecordingFile = (name: string): boolean => name.endsWith('.wav') || name.endsWith('.json');

/** Every .wav/.json under `directory` whose name carries the id; symlinks are not followed. */
function searchById(directory: string, id: string): string[] {
  const found: string[] = [];
  for (const entry of entriesOf(directory)) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) found.push(...searchById(path, id));
    else if (entry.isFile() && isRecordingFile(entry.name) && nameCarriesId(entry.name, id)) found.push(path);
  }
  return found;
}

function searchByPattern(root: string, layout: string, id: string, dest?: string): string[] {
  const segments = layout.split('/').flatMap((s) => (s === '{dest}' ? destSegments(dest) : [s]));
  const stem = segments.pop()!.split('{id}').join(id);
  let directories = [root];
  for (const segment of segments) {
    directories = segment === '{date}' || segment === '*'
      ? directories.flatMap((d) => entriesOf(d).filter((e) => e.isDirectory()).map((e) => join(d, e.name)))
      : directories.map((d) => join(d, segment)).filter(isDirectory);
  }
  return directories.flatMap((d) => ['.wav', '.json'].map((ext) => join(d, `${stem}${ext}`))).filter(isFile);
}

function entriesOf(directory: string) {
  try {
    return readdirSync(directory, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw error;
  }
}

function isDirectory(path: string): boolean {
  return statOf(path)?.isDirectory() ?? false;
}

function isFile(path: string): boolean {
  return statOf(path)?.isFile() ?? false;
}

/** A path's own status; undefined only when nothing is there (an unreadable folder is an error). */
function statOf(path: string) {
  try {
    return lstatSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  }
}
