import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SutProcess, SutProcessError } from './sut-process';

const node = (script: string): string[] => [process.execPath, '-e', script];
const base = { cwd: __dirname, env: process.env };

/** True while a process of that pid exists. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test('ready at its "listening" line: the addresses on it are the SUT\'s, in order', async () => {
  const sut = await SutProcess.start({ ...base, command: node("console.log('booting'); console.log('x listening on sip 127.0.0.1:5071, cti 127.0.0.1:7001'); setInterval(() => {}, 1000)") });
  try {
    assert.deepEqual(sut.addresses, [{ host: '127.0.0.1', port: 5071 }, { host: '127.0.0.1', port: 7001 }]);
    assert.match(sut.outputSince(0), /booting/);
  } finally {
    await sut.stop();
  }
  assert.equal(sut.hasExited, true);
});

test('stop sends SIGTERM to the whole process group, then SIGKILL to what ignores it', async () => {
  // The SUT ignores SIGTERM and has a child of its own that ignores it too.
  const child = "require('child_process').spawn(process.execPath, ['-e', \"process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)\"], { stdio: 'inherit' })";
  const sut = await SutProcess.start({
    ...base, stopGraceMs: 300,
    command: node(`process.on('SIGTERM', () => {}); const c = ${child}; console.log('child ' + c.pid); console.log('listening 127.0.0.1:5072'); setInterval(() => {}, 1000)`),
  });
  const grandchild = Number(/child (\d+)/.exec(sut.output)![1]);
  assert.equal(alive(grandchild), true);
  const started = Date.now();
  await sut.stop();
  assert.ok(Date.now() - started >= 250, 'SIGKILL came before the grace period was over');
  assert.equal(sut.exitDescription, 'was killed by SIGKILL');
  for (let i = 0; i < 50 && alive(grandchild); i++) await new Promise((r) => setTimeout(r, 20));
  assert.equal(alive(grandchild), false, 'the SUT\'s own child outlived it');
});

test('a command that does not exist is an error naming it', async () => {
  await assert.rejects(SutProcess.start({ ...base, command: ['/nonexistent/gir-sut'] }), (error: unknown) => error instanceof SutProcessError && /\/nonexistent\/gir-sut.*(could not be started|exited)/.test(error.message));
});
