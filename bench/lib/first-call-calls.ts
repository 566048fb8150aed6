/**
 * One process of the first-call benchmark: `calls` recorded calls in a row through the embedded
 * reference SUT, as the FT-01 scenario makes them, each measured at the fake Media Server's media
 * sockets (per-frame transit: phone send → MS receive) and by the analyzer (the file's shift).
 * With `warm`, the harness's warm-up runs first, as the suite's BeforeAll does. Prints JSON.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProfile, DEFAULT_PROFILE_PATH } from '../../profiles/load-profile';
import { analyzeRecording } from '../../simulators/analysis';
import { Phone } from '../../simulators/endpoint/phone';
import { readWav, parseRtpPacket } from '../../simulators/media';
import { FakeMediaServer } from '../../simulators/media-server/media-server';
import { formatHostPort } from '../../simulators/net/host-port';
import { PortBlock } from '../../simulators/net/port-block';
import { systemClock } from '../../simulators/time/clock';
import { EventLoopStallMonitor } from '../../simulators/time/event-loop-stalls';
import { warmUpHarness } from '../../simulators/warm-up/harness-warm-up';
import { EmbeddedCallControl } from '../../sut/adapters/embedded-call-control';

export interface CallTransit {
  call: number;
  /** Transit of the agent's first 10 frames that reached the MS (ms). */
  firstFramesMs: number[];
  medianTransitMs: number;
  maxTransitMs: number;
  /** The analyzer's whole-file shift (ms, + = late). */
  shiftMs: number | undefined;
  worstStallMs: number;
}

const TALK_MS = 1000;

async function main(): Promise<void> {
  const calls = Number(process.argv[2] ?? 10);
  const warm = process.argv[3] === 'warm';
  const clock = systemClock;
  const portBlock = new PortBlock();
  const stalls = new EventLoopStallMonitor();
  stalls.start();
  const warmUp = warm ? await warmUpHarness(portBlock) : undefined;
  const { profile } = loadProfile(DEFAULT_PROFILE_PATH);
  const agentEntry = profile.directory.find((e) => e.type === 'Extension' && e.record)!;
  const trunkEntry = profile.directory.find((e) => e.type === 'TrunkGroup')!;
  const results: CallTransit[] = [];
  for (let call = 1; call <= calls; call++) {
    const root = mkdtempSync(join(tmpdir(), 'gir-first-call-'));
    const ms = await FakeMediaServer.start({ host: '127.0.0.1', portBlock, clock, root });
    const farEnd = await Phone.start({ name: 'caller', host: '127.0.0.1', portBlock, clock, sut: { host: '127.0.0.1', port: 0 } });
    const directory = profile.directory.map((e) => (e === trunkEntry ? { ...e, peer: formatHostPort(farEnd.address) } : e));
    const sut = await EmbeddedCallControl.start({ profile, directory, mediaServer: ms.address, portBlock, clock });
    farEnd.setSut(sut.sipAddress);
    const agent = await Phone.start({ name: 'agent', host: '127.0.0.1', portBlock, clock, sut: sut.sipAddress });
    const arrivals = new Map<number, number>(); // sequence of the agent's stream → MS receive time
    ms.onSession((session) => session.recording.options.mediaSockets[0].on('message', (bytes: Buffer) => arrivals.set(parseRtpPacket(bytes).sequence, clock.now())));
    try {
      await agent.register((agentEntry as { dn: string }).dn);
      const ringing = agent.nextIncomingCall(call * 2, 5000);
      const calling = farEnd.call((agentEntry as { dn: string }).dn, call * 2 + 1, trunkEntry.dn);
      const agentCall = await ringing;
      agentCall.answer();
      const callerCall = await calling;
      await new Promise((resolve) => setTimeout(resolve, TALK_MS));
      await callerCall.hangup();
      await agentCall.ended;
      const [session] = ms.sessions;
      await session.finished;
      const events = session.recording.events;
      const startMs = events.find((e) => e.type === 'started')!.atMs;
      const stopMs = events.find((e) => e.type === 'stopped')!.atMs;
      const sent = agentCall.media.sendLog;
      const transits = sent.filter((f) => arrivals.has(f.sequence)).map((f) => arrivals.get(f.sequence)! - f.sentAtMs);
      const audio = readWav(readFileSync(session.recording.options.paths.wav), 'first-call');
      const analysis = analyzeRecording({
        channels: audio.channels,
        streams: [
          { streamId: call * 2, channel: 0, frames: sent },
          { streamId: call * 2 + 1, channel: 1, frames: callerCall.media.sendLog },
        ],
        recording: { startMs, stopMs },
      });
      const sorted = [...transits].sort((a, b) => a - b);
      results.push({
        call,
        firstFramesMs: transits.slice(0, 10).map((t) => Math.round(t * 10) / 10),
        medianTransitMs: sorted[sorted.length >> 1],
        maxTransitMs: sorted[sorted.length - 1],
        shiftMs: analysis.timeBase.shiftMs === undefined ? undefined : -analysis.timeBase.shiftMs,
        worstStallMs: Math.max(0, ...stalls.during(startMs - 500, stopMs).map((s) => s.lateMs)),
      });
    } finally {
      await agent.close();
      await sut.stop();
      await farEnd.close();
      await ms.close();
      rmSync(root, { recursive: true, force: true });
    }
  }
  stalls.stop();
  console.log(JSON.stringify({ warm, warmUpMs: warmUp?.tookMs, calls: results }));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 1;
});
