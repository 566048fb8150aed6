import { AssertionError } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { Clock } from '../../simulators/time/clock';
import { CannotJudgeError } from './cannot-judge';

/** What an Example row writes where the scenario's escape target goes: `../<escape>`, `/tmp/<escape>`. */
export const ESCAPE_PLACEHOLDER = '<escape>';

/** Poll interval while an accepted session's files may still appear (their deadline is tolerance.finalizeMs). */
const SETTLE_POLL_MS = 25;

/** A name no earlier run can have left: the escape target of one scenario. */
export function newEscapeName(): string {
  return `gir-escape-${randomBytes(6).toString('hex')}`;
}

/** Something new outside the recordings root after an escape attempt. */
export interface OutsideEntry {
  path: string;
  kind: 'file' | 'directory' | 'symlink' | 'other';
  /** A file's size (a symlink's own); 0 for a directory. */
  bytes: number;
  /** Its path carries the escape name or a record id of the attempt: proved the recorder's, for this scenario. */
  proven: boolean;
}

export interface EscapeAttemptOptions {
  /** The recordings root as the harness reads it. */
  root: string;
  field: 'dest' | 'id';
  /** The value as the Example row wrote it, placeholder included. */
  row: string;
  escapeName: string;
  /** Record ids of the attempt's session: a dest attempt still names its files by id. */
  recordIds: readonly string[];
}

/**
 * One attempt to leave the recordings root (SEL-07), watched on disk. Its target (the row's value
 * resolved against the root) carries a name unique to the scenario and must be absent before the
 * attempt; the root's parent is listed before it. Afterwards, what is new at or beside the target,
 * or in the root's parent, is what the attempt may have left: what carries the scenario's names is
 * proved the recorder's and may be removed; the rest is only named, since anybody may have made it.
 */
export class EscapeWatch {
  readonly value: string;
  readonly root: string;
  readonly target: string;
  readonly parent: string;
  /** The outermost path of the target that carries the escape name: what the attempt may create. */
  private readonly anchor: string;
  private readonly names: readonly string[];
  private parentBefore: ReadonlySet<string> = new Set();
  private accepted?: { stoppedAtMs: number; files: string[] };
  private readonly reported = new Set<string>();

  private constructor(readonly options: EscapeAttemptOptions) {
    if (!options.row.includes(ESCAPE_PLACEHOLDER)) {
      throw new Error(`the escape attempt ${options.field} "${options.row}" has no ${ESCAPE_PLACEHOLDER}: a fixed name may be one an earlier run left, so the check could not tell this recorder's writes from it`);
    }
    this.value = options.row.split(ESCAPE_PLACEHOLDER).join(options.escapeName);
    this.root = resolve(options.root);
    this.parent = dirname(this.root);
    this.target = resolve(this.root, this.value);
    const parts = this.target.split(sep);
    const first = parts.findIndex((part) => part.includes(options.escapeName));
    if (first < 0) throw new Error(`the escape attempt ${options.field} "${options.row}" resolves to ${this.target}, which has lost ${ESCAPE_PLACEHOLDER}`);
    this.anchor = parts.slice(0, first + 1).join(sep);
    this.names = [options.escapeName, ...options.recordIds];
  }

  /** Checks the target is absent and lists the root's parent: call before the attempt. */
  static begin(options: EscapeAttemptOptions): EscapeWatch {
    const watch = new EscapeWatch(options);
    const already = watch.besideAnchor();
    if (already.length > 0) throw new CannotJudgeError(`the escape target ${watch.target} is taken before the attempt (${already.join(', ')})`);
    watch.parentBefore = new Set(watch.parentNames());
    return watch;
  }

  /** `dest "../gir-escape-…"`: the attempt, as failures name it. */
  describe(): string {
    return `${this.options.field} "${this.value}"`;
  }

  get targetOutsideRoot(): boolean {
    return isOutside(this.root, this.target);
  }

  /** The recorder accepted the attempt's session, stopped at `stoppedAtMs`: its files may still appear. */
  sessionAccepted(stoppedAtMs: number, recordId: string): void {
    const base = this.options.field === 'dest' ? join(this.target, recordId) : this.target;
    this.accepted = { stoppedAtMs, files: [`${base}.wav`, `${base}.json`] };
  }

  /**
   * After an accepted session: waits until its files are where the escape leads, or until the
   * recorder's own deadline for them (`finalizeMs` after the stop, MS-03) has passed.
   */
  async settle(clock: Clock, finalizeMs: number): Promise<void> {
    const accepted = this.accepted;
    if (!accepted) return;
    const deadline = accepted.stoppedAtMs + finalizeMs;
    while (clock.now() < deadline && !accepted.files.every((file) => existsSync(file))) {
      await new Promise<void>((done) => clock.setTimer(Math.min(SETTLE_POLL_MS, deadline - clock.now()), done));
    }
  }

  /** Everything new outside the root: at or beside the target, and in the root's parent. */
  scan(): OutsideEntry[] {
    const found = new Map<string, OutsideEntry>();
    if (isOutside(this.root, this.anchor)) {
      for (const path of this.besideAnchor()) this.walk(path, dirname(this.anchor), found);
    }
    for (const name of this.parentNames()) {
      if (!this.parentBefore.has(name)) this.walk(join(this.parent, name), this.parent, found);
    }
    return [...found.values()].sort((a, b) => a.path.localeCompare(b.path));
  }

  /**
   * The failure for the entries no earlier verdict named: the recorder wrote outside the root when
   * any carries the scenario's names; otherwise they may be anybody's, and the check cannot judge.
   */
  verdict(entries: readonly OutsideEntry[]): Error | undefined {
    const fresh = entries.filter((e) => !this.reported.has(e.path));
    if (fresh.length === 0) return undefined;
    for (const entry of fresh) this.reported.add(entry.path);
    const proven = fresh.filter((e) => e.proven);
    const others = fresh.filter((e) => !e.proven);
    const list = (items: OutsideEntry[], how: string): string => items.map((e) => `\n  ${e.path} (${sizeOf(e)}), ${how} the attempt ${this.describe()}`).join('');
    const unproven = `new in ${this.parent} during the attempt, carrying neither ${this.options.escapeName} nor its record id, so not provably the recorder's (left in place):${list(others, 'during')}`;
    if (proven.length === 0) return new CannotJudgeError(unproven);
    return new AssertionError({ message: `the recorder wrote outside the recordings root ${this.root}:${list(proven, 'written by')}${others.length > 0 ? `\nalso ${unproven}` : ''}` });
  }

  /** What the attempt left, and what is done with each entry: the evidence attached before removal. */
  evidence(entries: readonly OutsideEntry[]): object {
    return {
      attempt: this.describe(), row: this.options.row, root: this.root, target: this.target,
      entries: entries.map((e) => ({ ...e, action: e.proven ? 'removed' : 'left in place (not provably the recorder\'s)' })),
    };
  }

  /** Removes the proven entries (the outermost of each tree) and nothing else; returns what it removed. */
  removeProven(entries: readonly OutsideEntry[]): string[] {
    const proven = entries.filter((e) => e.proven && isOutside(this.root, e.path) && !isInside(e.path, this.root));
    const outermost = proven.filter((e) => !proven.some((other) => isInside(other.path, e.path)));
    for (const entry of outermost) rmSync(entry.path, { recursive: true, force: true });
    return outermost.map((e) => e.path);
  }

  /** The anchor and its siblings that start with its name (`gir-escape-….wav` for an id). */
  private besideAnchor(): string[] {
    const directory = dirname(this.anchor);
    const stem = basename(this.anchor);
    return namesIn(directory, false).filter((name) => name.startsWith(stem)).map((name) => join(directory, name));
  }

  /** The root's parent, without the root: a listing the check cannot take is no pass. */
  private parentNames(): string[] {
    return namesIn(this.parent, true).filter((name) => join(this.parent, name) !== this.root);
  }

  private walk(path: string, base: string, into: Map<string, OutsideEntry>): void {
    let stats;
    try {
      stats = lstatSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    const kind = stats.isFile() ? 'file' : stats.isDirectory() ? 'directory' : stats.isSymbolicLink() ? 'symlink' : 'other';
    const within = relative(base, path);
    into.set(path, { path, kind, bytes: stats.isDirectory() ? 0 : stats.size, proven: this.names.some((name) => within.includes(name)) });
    if (stats.isDirectory()) for (const child of readdirSync(path)) this.walk(join(path, child), base, into);
  }
}

function namesIn(directory: string, required: boolean): string[] {
  try {
    return readdirSync(directory);
  } catch (error) {
    if (!required && (error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new CannotJudgeError(`cannot list ${directory}: ${(error as Error).message}`);
  }
}

/** `path` lies outside `root` (neither the root nor under it). */
function isOutside(root: string, path: string): boolean {
  const within = relative(root, path);
  return within === '..' || within.startsWith(`..${sep}`) || isAbsolute(within);
}

/** `path` lies strictly under `ancestor`. */
function isInside(ancestor: string, path: string): boolean {
  const within = relative(ancestor, path);
  return within !== '' && !isOutside(ancestor, path);
}

function sizeOf(entry: OutsideEntry): string {
  return entry.kind === 'directory' ? 'directory' : `${entry.bytes} bytes${entry.kind === 'file' ? '' : `, ${entry.kind}`}`;
}
