/**
 * When SIPp sent each frame of each call, read from the scenario's capture: SIPp keeps no send log,
 * and its pacing under load is its own (tens of ms late at times), so a placement check needs the
 * times it really sent. Every SIPp caller plays the same pcap (one SSRC, one sequence run), so a
 * call's packets are told apart by where they went (the SUT's port for that call's caller leg) and
 * tied to an agent call by the relayed copy: the first packet the SUT forwarded to that agent's
 * media port left SIPp just before, to the one SUT port that sent that sequence number last.
 */
import { SentFrameTime } from '../../simulators/analysis';
import { PhoneCall } from '../../simulators/endpoint/phone-call';
import { FRAME_MS, INDEX_MODULUS } from '../../simulators/media';
import { Capture, CapturedRtp } from '../../simulators/pcap/capture-reader';

/**
 * The capture's clock (the kernel's wall clock, µs) against the harness clock (performance.now(),
 * ms), read from the two clocks themselves: at the instant Date.now() ticks over, performance.now()
 * is that wall millisecond plus the offset. (Measuring it from when the agents stamped packets the
 * capture saw would fold the harness's own lateness into every SIPp send time: with a hundred calls
 * starting at once the loop is busy, and SIPp's frames came out 150-200 ms "early".) The median of a
 * few edges; the two clocks do not drift apart measurably within a run.
 */
export function wallToHarnessOffsetMs(samples = 5): number {
  const offsets: number[] = [];
  for (let i = 0; i < samples; i++) {
    const wall = Date.now();
    let now = Date.now();
    let harness = performance.now();
    while (now === wall) {
      harness = performance.now();
      now = Date.now();
    }
    offsets.push(harness - now);
  }
  return offsets.sort((a, b) => a - b)[samples >> 1];
}

export function sippFramesByCall(capture: Capture, audio: { ssrc: number; firstSequence: number }, agentCalls: readonly PhoneCall[]): Map<PhoneCall, SentFrameTime[]> {
  const agentPorts = new Map(agentCalls.map((call) => [call.media.local.port, call]));
  const sent = new Map<number, CapturedRtp[]>(); // SUT caller-leg port → SIPp's packets to it
  const relayedFirst = new Map<PhoneCall, CapturedRtp>();
  for (const packet of capture.rtp) {
    if (packet.ssrc !== audio.ssrc) continue;
    const agentCall = agentPorts.get(packet.destination.port);
    if (agentCall) {
      if (!relayedFirst.has(agentCall)) relayedFirst.set(agentCall, packet);
    } else if (!agentPorts.has(packet.source.port)) {
      const list = sent.get(packet.destination.port) ?? [];
      list.push(packet);
      sent.set(packet.destination.port, list);
    }
  }
  const result = new Map<PhoneCall, SentFrameTime[]>();
  const offsetMs = wallToHarnessOffsetMs();
  for (const [call, relayed] of relayedFirst) {
    let best: { port: number; timeUs: number } | undefined;
    for (const [port, packets] of sent) {
      const original = packets.find((p) => p.sequence === relayed.sequence);
      if (original && original.timeUs <= relayed.timeUs && (!best || original.timeUs > best.timeUs)) best = { port, timeUs: original.timeUs };
    }
    if (best) result.set(call, framesOf(sent.get(best.port)!, audio.firstSequence, offsetMs));
  }
  return result;
}

/** Frame index from the sequence number; a frame the capture missed takes its place on the 20 ms grid of the last one seen. */
function framesOf(packets: readonly CapturedRtp[], firstSequence: number, offsetMs: number): SentFrameTime[] {
  const byIndex = new Map<number, number>();
  for (const p of packets) byIndex.set((p.sequence - firstSequence + INDEX_MODULUS) % INDEX_MODULUS, p.timeUs / 1000 + offsetMs);
  const indexes = [...byIndex.keys()].sort((a, b) => a - b);
  const frames: SentFrameTime[] = [];
  for (let index = indexes[0] ?? 0, last = indexes[0]; index <= (indexes[indexes.length - 1] ?? -1); index++) {
    const at = byIndex.get(index);
    if (at !== undefined) last = index;
    frames.push({ index, sentAtMs: at ?? byIndex.get(last!)! + (index - last!) * FRAME_MS });
  }
  return frames;
}
