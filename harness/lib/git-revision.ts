import { execFileSync } from 'node:child_process';

/** The harness's git revision and whether tracked files differ from it: what a certificate names. */
export function gitRevision(cwd: string): { revision: string; dirty: boolean } {
  try {
    const revision = execFileSync('git', ['rev-parse', 'HEAD'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const changes = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return { revision, dirty: changes !== '' };
  } catch {
    // Not a git checkout (an unpacked release): the version alone names the harness.
    return { revision: 'unknown (not a git checkout)', dirty: false };
  }
}
