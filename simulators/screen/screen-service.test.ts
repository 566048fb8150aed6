import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { PortBlock } from '../net/port-block';
import { systemClock } from '../time/clock';
import { FakeScreenService } from './screen-service';

async function withService(run: (service: FakeScreenService) => Promise<void>): Promise<void> {
  const service = await FakeScreenService.start({ host: '127.0.0.1', portBlock: new PortBlock(), clock: systemClock });
  try {
    await run(service);
  } finally {
    await service.close();
  }
}

/** One POST on a connection of its own (a pooled one could outlive an earlier service on this port). */
function post(service: FakeScreenService, path: string, body: string, timeoutMs = 2000): Promise<number> {
  return new Promise((resolve, reject) => {
    const { host, port } = service.address;
    const outgoing = request({ host, port, path, method: 'POST', agent: false, headers: { 'content-type': 'application/json' } }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    outgoing.setTimeout(timeoutMs, () => outgoing.destroy(new Error('timeout')));
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

test('a screen command is answered 204 and logged with its agent and receive time', async () => {
  await withService(async (service) => {
    const before = systemClock.now();
    const status = await post(service, '/agents/a%20200/screen-recording', JSON.stringify({ action: 'pause', connId: '00a1b2c3d4e5f607', recordingId: 'r1' }));
    assert.equal(status, 204);
    assert.equal(service.commands.length, 1);
    const [command] = service.commands;
    assert.deepEqual({ ...command, receivedAtMs: 0 }, { agentId: 'a 200', action: 'pause', connId: '00a1b2c3d4e5f607', recordingId: 'r1', receivedAtMs: 0 });
    assert.ok(command.receivedAtMs >= before && command.receivedAtMs <= systemClock.now());
    assert.deepEqual(service.invalid, []);
  });
});

test('what is not a screen command is refused and kept apart, never logged as a command', async () => {
  await withService(async (service) => {
    assert.equal((await post(service, '/agents/a200/other', '{}')), 404);
    assert.equal((await post(service, '/agents/a200/screen-recording', 'not json')), 400);
    assert.equal((await post(service, '/agents/a200/screen-recording', JSON.stringify({ action: 'rewind', connId: 'c', recordingId: 'r' }))), 400);
    assert.equal(service.commands.length, 0);
    assert.equal(service.invalid.length, 3);
    assert.match(service.invalid[2].problem, /action/);
  });
});

test('a failing service still logs the commands it was sent: answering 500, or not at all', async () => {
  await withService(async (service) => {
    const body = JSON.stringify({ action: 'start', connId: 'c1', recordingId: 'r1' });
    service.fault = { kind: 'status', status: 500 };
    assert.equal((await post(service, '/agents/a200/screen-recording', body)), 500);
    service.fault = { kind: 'no-answer' };
    await assert.rejects(post(service, '/agents/a200/screen-recording', body, 200), /timeout/);
    assert.deepEqual(service.commands.map((c) => c.action), ['start', 'start']);
  });
});
