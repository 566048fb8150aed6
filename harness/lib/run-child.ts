import { spawn } from 'node:child_process';

export interface ChildResult {
  code: number;
  signal: NodeJS.Signals | null;
}

/**
 * Runs a command with inherited stdio and resolves with its exit status; never rejects on a
 * non-zero exit (the caller decides what a failure means), only when the command cannot start.
 */
export function runChild(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: 'inherit',
      env: options.env ?? process.env,
      cwd: options.cwd,
    });
    child.on('error', (error) => reject(new Error(`cannot start ${command}: ${error.message}`)));
    child.on('exit', (code, signal) => resolve({ code: code ?? 1, signal }));
  });
}
