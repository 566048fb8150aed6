import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const SKIPPED_DIRS = new Set(['node_modules', 'reports', '.git', '.tmp']);

/** Every file under `roots` (relative to `cwd`) whose name ends with `suffix`, sorted. */
export function findFiles(cwd: string, roots: string[], suffix: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(join(cwd, dir), { withFileTypes: true });
    } catch {
      return; // a root that does not exist yet holds no files
    }
    for (const entry of entries) {
      const rel = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(rel);
      } else if (entry.name.endsWith(suffix)) {
        found.push(rel);
      }
    }
  };
  roots.forEach(walk);
  return found.sort();
}
