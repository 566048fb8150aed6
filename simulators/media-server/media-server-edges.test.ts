import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { buildMsml, MSML_CONTENT_TYPE, parseMsml } from '../gir-msml/msml-body';
import { RecordingSessionClient, RecordingSessionError } from '../recording-client/recording-session-client';
import { SipUserAgent } from '../sip';
import { systemClock } from '../time/clock';
import { FakeMediaServer } from './media-server';
import { withMediaServer } from './testing/with-media-server';

const clock = systemClock;
const SHORT_TIMEOUT_MS = 400;

/** A fresh server, plus `open()` for a session to it (with a record id when given). */
function withServer(run: (ms: FakeMediaServer, open: (id?: string) => Promise<RecordingSessionClient>, root: string) => Promise<void>): Promise<void> {
  return withMediaServer(async (ms, ua, root) => {
    let n = 0;
    const open = (id?: string) => RecordingSessionClient.open({
      ua, clock, mediaServer: ms.address, startOn: 'dialogstart', timeoutMs: SHORT_TIMEOUT_MS,
      uri: { session: `edge-${++n}`, dn: '7001', tenantDbid: 1 },
      parameters: { connId: '00a1b2c3d4e5f607', side: 'destination', partitions: [], ...(id ? { recordId: id } : {}) },
      localMedia: [{ host: '127.0.0.1', port: 40000 }, { host: '127.0.0.1', port: 40002 }],
    });
    await run(ms, open, root);
  });
}

test('state edges: pause when paused and resume when recording get MSML 405 and change nothing', async () => {
  await withServer(async (ms, open) => {
    const client = await open();
    await assert.rejects(client.resume(), (e: unknown) => e instanceof RecordingSessionError && e.status === 405);
    await client.pause();
    await assert.rejects(client.pause(), (e: unknown) => e instanceof RecordingSessionError && e.status === 405);
    await client.resume();
    await client.stop();
    const metadata = await ms.sessions[0].finished;
    assert.deepEqual(metadata?.events.map((e) => e.type), ['started', 'paused', 'resumed', 'stopped']);
  });
});

test('stop while idle (before dialogstart) ends the session without a file; a command for another session is refused', async () => {
  await withServer(async (ms, _open, root) => {
    const ua = await SipUserAgent.start({ host: '127.0.0.1', port: 0 });
    try {
      const client = await RecordingSessionClient.open({
        ua, clock, mediaServer: ms.address, startOn: 'invite', timeoutMs: SHORT_TIMEOUT_MS,
        uri: { session: 'idle-1', dn: '7001', tenantDbid: 1 },
        parameters: { connId: '00a1b2c3d4e5f607', side: 'source', partitions: [] },
        localMedia: [{ host: '127.0.0.1', port: 40000 }, { host: '127.0.0.1', port: 40002 }],
      });
      assert.equal(ms.sessions[0].recording.state, 'idle', 'the server starts on dialogstart; the client sent none');
      const foreign = await client.dialog.request('INFO', { body: buildMsml({ kind: 'command', session: 'someone-else', command: 'app.pause' }), contentType: MSML_CONTENT_TYPE });
      assert.deepEqual(parseMsml(foreign.body.toString()), { kind: 'result', response: 400 });
      const wrongType = await client.dialog.request('INFO', { body: 'hello', contentType: 'text/plain' });
      assert.equal(wrongType.status, 400);
      assert.match(wrongType.reason, /INFO Content-Type/);
      await client.stop();
      assert.equal(await ms.sessions[0].finished, undefined);
      assert.deepEqual(readdirSync(root), []);
    } finally {
      await ua.close();
    }
  });
});

test('an INFO outside any recording session is refused', async () => {
  await withServer(async (ms) => {
    const ua = await SipUserAgent.start({ host: '127.0.0.1', port: 0 });
    try {
      const response = await ua.request({ method: 'INFO', uri: `sip:msml=nobody@127.0.0.1:${ms.address.port}`, from: 'sip:x@127.0.0.1', destination: ms.address, body: buildMsml({ kind: 'command', session: 'nobody', command: 'app.stop' }), contentType: MSML_CONTENT_TYPE });
      assert.ok(response.status >= 400, `expected a refusal, got ${response.status}`);
    } finally {
      await ua.close();
    }
  });
});

test('fault knobs: silent, reject, delay, refused INFO, BYE after N ms', async () => {
  await withServer(async (ms, open) => {
    ms.faults.inviteAnswer = { kind: 'silent' };
    await assert.rejects(open(), (e: unknown) => e instanceof RecordingSessionError && e.status === 'timeout' && e.step === 'INVITE');

    ms.faults.inviteAnswer = { kind: 'reject', status: 503 };
    await assert.rejects(open(), (e: unknown) => e instanceof RecordingSessionError && e.status === 503);

    ms.faults.inviteAnswer = { kind: 'delay', ms: 150 };
    const before = clock.now();
    const delayed = await open();
    assert.ok(clock.now() - before >= 150, 'the answer came no earlier than the delay');
    await delayed.stop();

    ms.faults.inviteAnswer = { kind: 'normal' };
    ms.faults.refuseInfoStatus = 500;
    await assert.rejects(open(), (e: unknown) => e instanceof RecordingSessionError && e.step === 'INFO dialogstart' && e.status === 500);
    ms.faults.refuseInfoStatus = undefined;

    ms.faults.byeAfterMs = 100;
    const ended = await open();
    await new Promise<void>((resolve) => ended.dialog.onTerminated(() => resolve()));
    const session = ms.sessions[ms.sessions.length - 1];
    assert.deepEqual((await session.finished)?.events.map((e) => e.type), ['started', 'stopped']);
  });
});

