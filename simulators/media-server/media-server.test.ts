import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeRecording, assertRecordingPassed } from '../analysis';
import { PayloadType, readWav, RtpSender, WatermarkSource } from '../media';
import { bindUdpSocket } from '../net/udp-socket';
import { RecordingSessionClient, RecordingSessionError } from '../recording-client/recording-session-client';
import { systemClock } from '../time/clock';
import { SipUserAgent } from '../sip';
import { FakeMediaServer } from './media-server';
import { withMediaServer } from './testing/with-media-server';

const clock = systemClock;
/** Lets the recording run (or stay paused) for `ms`: the length of a segment, not a wait for an event. */
const recordFor = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('a recording session over the wire: MSML start, pause, resume, stop → padded stereo WAV and metadata', async () => {
  await withMediaServer(async (ms, ua, root) => {
    const sockets = await Promise.all([bindUdpSocket('127.0.0.1', 0), bindUdpSocket('127.0.0.1', 0)]);
    const client = await RecordingSessionClient.open({
      ua, clock, mediaServer: ms.address, startOn: 'dialogstart', timeoutMs: 2000,
      uri: { session: '00a1b2c3d4e5f607-1', dn: '7001', tenantDbid: 1 },
      parameters: { connId: '00a1b2c3d4e5f607', side: 'destination', partitions: ['sales', 'eu'], agentId: 'a100' },
      localMedia: sockets.map((s) => ({ host: '127.0.0.1', port: s.address().port })) as [never, never],
    });
    assert.match(client.recordId ?? '', /^gir-/, 'the MS makes an id when none is given and returns it');
    const senders = [301, 302].map((streamId, label) => new RtpSender({
      clock, ssrc: 77 + label, payloadType: label === 0 ? PayloadType.PCMU : PayloadType.PCMA,
      source: new WatermarkSource(streamId).frameSource(label === 0 ? 'mulaw' : 'alaw'),
      transmit: (packet) => sockets[label].send(packet, client.remoteMedia[label].port, client.remoteMedia[label].host),
    }));
    senders.forEach((s) => s.start());
    await recordFor(400);
    await client.pause();
    await recordFor(300);
    await client.resume();
    await recordFor(300);
    await client.stop();
    senders.forEach((s) => s.stop());
    sockets.forEach((s) => s.close());
    const [session] = ms.sessions;
    const metadata = await session.finished;
    assert.ok(metadata);
    assert.deepEqual(metadata.partitions, ['sales', 'eu']);
    assert.equal(metadata.agentId, 'a100');
    assert.deepEqual(metadata.events.map((e) => e.type), ['started', 'paused', 'resumed', 'stopped']);
    assert.deepEqual(readdirSync(root).sort(), [`${client.recordId}.json`, `${client.recordId}.wav`]);
    const events = session.recording.events;
    const wav = readWav(readFileSync(join(root, `${client.recordId}.wav`)));
    const analysis = analyzeRecording({
      channels: wav.channels,
      streams: senders.map((s, channel) => ({ streamId: 301 + channel, channel, frames: s.log })),
      expectedPauses: [{ startMs: events[1].atMs, endMs: events[2].atMs }],
      recording: { startMs: events[0].atMs, stopMs: events[3].atMs },
    });
    assertRecordingPassed(analysis);
  });
});

test('refusals: bad Request-URI, a live duplicate id, a dest that escapes the root; the id is free again after stop', async () => {
  await withMediaServer(async (ms, ua, root) => {
    const open = (overrides: Partial<Parameters<typeof RecordingSessionClient.open>[0]['parameters']>) => RecordingSessionClient.open({
      ua, clock, mediaServer: ms.address, startOn: 'dialogstart', timeoutMs: 2000,
      uri: { session: `s-${Math.random().toString(36).slice(2)}`, dn: '7001', tenantDbid: 1 },
      parameters: { connId: '00a1b2c3d4e5f607', side: 'destination', partitions: [], ...overrides },
      localMedia: [{ host: '127.0.0.1', port: 40000 }, { host: '127.0.0.1', port: 40002 }],
    });
    const first = await open({ recordId: 'dup-1' });
    await assert.rejects(open({ recordId: 'dup-1' }), (e: unknown) => e instanceof RecordingSessionError && e.status === 409);
    await assert.rejects(open({ dest: '../outside' }), (e: unknown) => e instanceof RecordingSessionError && e.status === 400 && /dest "\.\.\/outside" refused/.test(e.message));
    const plain = await ua.invite({ uri: `sip:7001@127.0.0.1:${ms.address.port}`, from: 'sip:x@127.0.0.1', destination: ms.address }).final;
    assert.equal(plain.response.status, 400);
    assert.match(plain.response.reason, /is not sip:msml=<session>/);
    assert.deepEqual(ms.refused.map((r) => r.status), [409, 400, 400]);
    await first.stop();
    await ms.sessions[0].finished;
    const again = await open({ recordId: 'dup-1' });
    await again.stop();
    await ms.sessions[1].finished;
    assert.deepEqual(readdirSync(root).sort(), ['dup-1.json', 'dup-1.wav']);
    assert.deepEqual(readdirSync(join(root, '..')).filter((f) => f === 'outside'), [], 'nothing written outside the root');
  });
});

test("an INVITE of a call an earlier instance took (its SUT still retransmitting) gets 481 and is no session of this one", async () => {
  const root = mkdtempSync(join(tmpdir(), 'gir-ms-stale-'));
  const ms = await FakeMediaServer.start({ host: '127.0.0.1', port: 0, root, clock, earlierCallIds: new Set(['earlier-call@sut']) });
  const ua = await SipUserAgent.start({ host: '127.0.0.1', port: 0 });
  try {
    const invite = (callId: string) => ua.invite({
      uri: `sip:recording@127.0.0.1`, from: '<sip:sut@127.0.0.1>', callId, destination: ms.address,
      headers: [['X-Genesys-ConnID', '00a1b2c3d4e5f607']],
    });
    const stale = await invite('earlier-call@sut').final;
    assert.equal(stale.response.status, 481);
    assert.deepEqual(ms.stale.map((s) => [s.callId, s.connId]), [['earlier-call@sut', '00a1b2c3d4e5f607']]);
    assert.deepEqual(ms.invites, [], 'a stale INVITE is not one of this instance');
    const fresh = await invite('this-call@sut').final;
    assert.notEqual(fresh.response.status, 481, 'a call of its own is judged as usual (here: refused for its missing offer)');
    assert.deepEqual(ms.callIds, ['this-call@sut']);
  } finally {
    await ua.close();
    await ms.close();
    rmSync(root, { recursive: true, force: true });
  }
});
