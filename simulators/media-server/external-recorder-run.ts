/**
 * `npx tsx simulators/media-server/external-recorder-run.ts [--keep] [cucumber args]`: the @recorder
 * scenarios against the fake Media Server started as a recorder of its own, exactly as a vendor's
 * recorder would be run: `npm run media-server -- --listen 127.0.0.1:0 --root <dir>` in a separate
 * process, a copy of profiles/recorder-external.example.yaml with the address it printed
 * (reports/external-recorder/recorder-external.yaml), then `npm run conformance` with that profile.
 * Exits with the conformance run's code. The restart scenario is skipped (external adapter).
 * Both are started as commands, not imported: this file knows neither Cucumber nor the harness.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatHostPort } from '../net/host-port';
import { portBlockFromEnv } from '../net/port-block';
import { writeExternalRecorderProfile } from './external-recorder-profile';
import { MediaServerProcess } from './media-server-process';

const PROJECT_ROOT = join(__dirname, '..', '..');
/**
 * The recorder's ports come from this many blocks after the run's own: the conformance run's
 * Cucumber workers take blocks 0.. of the same base, one per --parallel worker.
 */
const RECORDER_BLOCK_OFFSET = 9;

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const keep = args.includes('--keep');
  const cucumberArgs = args.filter((a) => a !== '--keep');
  // The root sits in a folder of the run's own: an escape attempt's check compares the root's
  // parent before and after, and a shared parent such as /tmp changes under other programs.
  const runDir = mkdtempSync(join(tmpdir(), 'gir-external-recorder-'));
  const root = join(runDir, 'recordings');
  mkdirSync(root);
  const worker = portBlockFromEnv().worker + RECORDER_BLOCK_OFFSET;
  const { process: recorder, address } = await MediaServerProcess.start({
    root, launch: 'npm', env: { ...process.env, CUCUMBER_WORKER_ID: String(worker) },
  });
  try {
    const reports = join(PROJECT_ROOT, 'reports', 'external-recorder');
    mkdirSync(reports, { recursive: true });
    const profile = join(reports, 'recorder-external.yaml');
    writeExternalRecorderProfile(profile, address, root);
    console.log(`external recorder: npm run media-server (pid ${recorder.pid}) at ${formatHostPort(address)}, recordings under ${root}; profile ${profile}`);
    const code = await run(process.execPath, ['--require', 'tsx/cjs', join(PROJECT_ROOT, 'harness', 'conformance.ts'), ...cucumberArgs], { ...process.env, GIR_PROFILE: profile });
    if (recorder.hasExited) {
      console.error(`the external recorder exited during the run:\n${recorder.output}`);
      return code === 0 ? 1 : code;
    }
    return code;
  } finally {
    await recorder.stop();
    if (keep) console.log(`recordings kept under ${root}`);
    else rmSync(runDir, { recursive: true, force: true });
  }
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: PROJECT_ROOT, env, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`external-recorder-run: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
