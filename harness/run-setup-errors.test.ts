import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../sut/adapters/command-template';
import { PortBlock } from '../simulators/net/port-block';

/**
 * Errors of the run, not failed scenarios (REQUIREMENTS.md, "Statuses"): the run ends before
 * Cucumber starts, within seconds, with one line on stderr and exit 2.
 */
const CLI = join(__dirname, 'cli.ts');

interface CliRun {
  code: number | null;
  stderr: string;
  stdout: string;
  tookMs: number;
}

function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', CLI, ...args], { cwd: join(__dirname, '..'), env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, tookMs: Date.now() - started }));
  });
}

function withTemp(run: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'gir-run-error-'));
  return run(dir).finally(() => rmSync(dir, { recursive: true, force: true }));
}

const lines = (text: string): string[] => text.trim().split('\n');

test('an unreachable recorder ends the run in under 5 s: exit 2, one line naming the address', () => withTemp(async (dir) => {
  const recordings = join(dir, 'recordings');
  mkdirSync(recordings);
  // A port of a block of its own on which nothing listens: no answer can come.
  const port = await freePort(new PortBlock({ base: 20000, size: 1000, worker: 11 }), '127.0.0.1');
  const profile = join(dir, 'unreachable.yaml');
  writeFileSync(profile, `sut: { role: recorder, adapter: external, sip: "127.0.0.1:${port}", recordings: "${recordings}" }\n`);
  const run = await runCli(['run', '--profile', profile], { GIR_REPORTS_DIR: join(dir, 'reports') });
  assert.equal(run.code, 2, run.stderr);
  assert.equal(lines(run.stderr).length, 1, run.stderr);
  assert.match(run.stderr, new RegExp(`unreachable: no SIP answer from 127\\.0\\.0\\.1:${port}: OPTIONS unanswered`));
  assert.ok(run.tookMs < 5000, `the run took ${run.tookMs} ms to give up`);
}));

test('an invalid profile ends the run: exit 2, naming the wrong key', () => withTemp(async (dir) => {
  const profile = join(dir, 'invalid.yaml');
  writeFileSync(profile, 'sut: { role: recorder, adaptor: process }\n');
  const run = await runCli(['run', '--profile', profile], { GIR_REPORTS_DIR: join(dir, 'reports') });
  assert.equal(run.code, 2, run.stderr);
  assert.match(lines(run.stderr)[0], /^invalid profile .*invalid\.yaml:$/);
  assert.match(run.stderr, /sut: unknown key\(s\) adaptor/);
}));

test('a recorder process that dies at start ends the run: exit 2, one line with its exit and last words; its output kept', () => withTemp(async (dir) => {
  const profile = join(dir, 'dies.yaml');
  const script = "console.log('starting'); console.error('cannot open the licence file'); process.exit(3)";
  writeFileSync(profile, `sut: { role: recorder, adapter: process, command: [node, -e, "${script}"], recordings: "${dir}" }\n`);
  const reports = join(dir, 'reports');
  const run = await runCli(['run', '--profile', profile], { GIR_REPORTS_DIR: reports });
  assert.equal(run.code, 2, run.stderr);
  assert.equal(lines(run.stderr).length, 1, run.stderr);
  assert.match(run.stderr, /exited with code 3 before it was listening; its last line: cannot open the licence file/);
  assert.match(readFileSync(join(reports, 'sut-start-output.txt'), 'utf8'), /starting\ncannot open the licence file/);
}));

test('a recorder process that never says it is listening is stopped and the run ends', () => withTemp(async (dir) => {
  const profile = join(dir, 'mute.yaml');
  // Prints an address but never the word; the harness must not take it for ready.
  const script = "console.log('up at 127.0.0.1:5999'); setInterval(() => {}, 1000)";
  writeFileSync(profile, `sut: { role: recorder, adapter: process, command: [node, -e, "${script}"], recordings: "${dir}" }\n`);
  const run = await runCli(['run', '--profile', profile], { GIR_REPORTS_DIR: join(dir, 'reports'), GIR_SUT_START_TIMEOUT_MS: '1500' });
  assert.equal(run.code, 2, run.stderr);
  assert.match(run.stderr, /printed no "listening" line with an ip:port within 1500 ms; its last line: up at 127\.0\.0\.1:5999/);
}));

test('a container SUT without a container engine ends the run in under 10 s: exit 2, one line saying so', () => withTemp(async (dir) => {
  const profile = join(dir, 'container.yaml');
  writeFileSync(profile, `sut: { role: recorder, adapter: container, image: localhost/gir-media-server, command: [--root, "{recordings}"] }\n`);
  // A Docker API address where nothing answers: testcontainers finds no engine there.
  const run = await runCli(['run', '--profile', profile], { GIR_REPORTS_DIR: join(dir, 'reports'), DOCKER_HOST: 'tcp://127.0.0.1:1' });
  assert.equal(run.code, 2, run.stderr);
  assert.equal(lines(run.stderr).length, 1, run.stderr);
  assert.match(run.stderr, /no container engine for sut\.adapter "container" \(testcontainers: "Could not find a working container runtime strategy" at DOCKER_HOST=tcp:\/\/127\.0\.0\.1:1\)/);
  assert.ok(run.tookMs < 10_000, `the run took ${run.tookMs} ms to give up`);
}));
