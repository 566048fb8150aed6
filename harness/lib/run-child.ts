import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';

export interface ChildResult {
  code: number;
  signal: NodeJS.Signals | null;
}

/**
 * Runs a command with inherited stdio (or its output in a file) and resolves with its exit status; never rejects on a
 * non-zero exit (the caller decides what a failure means), only when the command cannot start.
 */
export function runChild(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; outputFile?: string } = {},
): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    // With outputFile, stdout and stderr go to that file (opened before the child starts).
    const output = options.outputFile ? openSync(options.outputFile, 'w') : undefined;
    const child = spawn(command, args, {
      stdio: output === undefined ? 'inherit' : ['ignore', output, output],
      env: options.env ?? process.env,
      cwd: options.cwd,
    });
    if (output !== undefined) closeSync(output);
    child.on('error', (error) => reject(new Error(`cannot start ${command}: ${error.message}`)));
    child.on('exit', (code, signal) => resolve({ code: code ?? 1, signal }));
  });
}
