/**
 * SIPp as the far end of a trunk group: it binds the trunk's peer address (the SUT knows a trunk by
 * it), places `calls` calls at once to a DN and plays one watermarked stream in each (SIPp 3.6.1 plays
 * the same pcap in every call); the agent phone answers every call, each with a stream id of its own.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PhoneCall } from '../../simulators/endpoint/phone-call';
import { freeUdpPort } from '../../simulators/sipp/sipp-ports';
import { assertAllCallsSucceeded, SippResult, SippRun } from '../../simulators/sipp/sipp-run';
import { uacPcapCallXml } from '../../simulators/sipp/sipp-scenario';
import { watermarkAudioPcap, WatermarkAudioPcap } from '../../simulators/sipp/watermark-audio-pcap';
import { HARNESS_WAIT_MS } from './waiting';
import { allocateStreamId } from './worker-resources';
import type { GirWorld } from './world';

/** Beyond the calls themselves: set-up at the rate below and the BYEs; SIPp is killed past it. */
const SIPP_MARGIN_MS = 30_000;
/** New calls per second: SIPp's calls reach the SUT at a rate, as a trunk's would. */
const CALLS_PER_SECOND = 50;

export interface SippCallsRun {
  /** The agent's side of each call, in answer order: its stream id names the call. */
  agentCalls: PhoneCall[];
  audio: WatermarkAudioPcap;
  result: SippResult;
  callMs: number;
  /** When SIPp started (harness clock). */
  startedAtMs: number;
}

export async function placeSippCalls(world: GirWorld, options: { trunkRole: string; calls: number; callSeconds: number }): Promise<SippCallsRun> {
  const stage = await world.callControl();
  const agent = world.party('agent');
  const callMs = options.callSeconds * 1000;
  const workDir = join(world.artifactsDir, 'sipp');
  mkdirSync(workDir, { recursive: true });
  const audio = watermarkAudioPcap({ streamId: allocateStreamId(), durationMs: callMs });
  writeFileSync(join(workDir, 'caller-audio.pcap'), audio.file);
  writeFileSync(join(workDir, 'uac.xml'), uacPcapCallXml({ name: 'gir caller with watermarked audio', audioPcap: join(workDir, 'caller-audio.pcap'), holdMs: callMs }));
  const mediaPort = await freeUdpPort(world.ports, '127.0.0.1', true);
  const local = await stage.releaseTrunkPeer(options.trunkRole);

  const agentCalls: PhoneCall[] = [];
  const answering = (async () => {
    for (let i = 0; i < options.calls; i++) {
      const call = await agent.phone.nextIncomingCall(allocateStreamId(), HARNESS_WAIT_MS);
      call.answer();
      agentCalls.push(call);
    }
  })();
  const startedAtMs = world.clock.now();
  const run = SippRun.start({
    scenario: { file: join(workDir, 'uac.xml') }, local, remote: stage.sut.sipAddress, mediaPort, service: agent.dn,
    rate: { calls: Math.min(options.calls, CALLS_PER_SECOND), periodMs: 1000 }, concurrentLimit: options.calls, callCount: options.calls,
    receiveTimeoutMs: HARNESS_WAIT_MS, workDir, hardTimeoutMs: callMs + (options.calls / CALLS_PER_SECOND) * 1000 + SIPP_MARGIN_MS,
  });
  world.disposers.push('SIPp callers', () => run.stop().then(() => undefined));
  const [result] = await Promise.all([run.done, answering.catch((error: unknown) => {
    run.kill();
    throw error;
  })]);
  assertAllCallsSucceeded(result, options.calls);
  return { agentCalls, audio, result, callMs, startedAtMs };
}
