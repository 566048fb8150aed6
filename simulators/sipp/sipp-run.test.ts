import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PortBlock } from '../net/port-block';
import { freeUdpPort } from './sipp-ports';
import { assertAllCallsSucceeded, SippFailedError, SippRun } from './sipp-run';

const alive = (pid: number): boolean => spawnSync('kill', ['-0', String(pid)]).status === 0;

test('sipp run: the hard timeout kills the process group, and the result says so', async () => {
  const workDir = mkdtempSync(join(tmpdir(), 'gir-sipp-test-'));
  try {
    const port = await freeUdpPort(new PortBlock(), '127.0.0.1');
    // A UAS without -m waits for calls forever: only the timeout ends it.
    const run = SippRun.start({ scenario: { builtin: 'uas' }, local: { host: '127.0.0.1', port }, workDir, hardTimeoutMs: 600 });
    const pid = run.pid!;
    const result = await run.done;
    assert.equal(result.exit.outcome, 'killed-by-harness-timeout');
    assert.equal(result.exit.signal, 'SIGKILL');
    assert.ok(result.wallMs >= 600 && result.wallMs < 5000, `ended after ${result.wallMs.toFixed(0)} ms`);
    assert.equal(alive(pid), false, `SIPp (pid ${pid}) outlived its timeout`);
    assert.throws(() => assertAllCallsSucceeded(result, 1), (error: unknown) => error instanceof SippFailedError && /hard timeout/.test(error.message) && /-sn uas/.test(error.message));
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
});

test('sipp run: calls to nobody fail, and the failure carries the stats and the command', async () => {
  const workDir = mkdtempSync(join(tmpdir(), 'gir-sipp-test-'));
  try {
    const block = new PortBlock();
    const port = await freeUdpPort(block, '127.0.0.1');
    const nobody = await freeUdpPort(block, '127.0.0.1');
    const run = SippRun.start({
      scenario: { builtin: 'uac' }, local: { host: '127.0.0.1', port }, remote: { host: '127.0.0.1', port: nobody },
      callCount: 1, receiveTimeoutMs: 300, workDir, hardTimeoutMs: 10_000,
    });
    const result = await run.done;
    assert.equal(result.exit.outcome, 'some-calls-failed');
    assert.equal(result.statistics?.failedCalls, 1);
    assert.throws(() => assertAllCallsSucceeded(result, 1), /1 failed/);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
});
