/**
 * When SIPp sent each frame of each call, read from the scenario's capture: SIPp keeps no send log,
 * and its pacing under load is its own (tens of ms late at times), so a placement check needs the
 * times it really sent. Every SIPp caller plays the same pcap (one SSRC, one sequence run), so a
 * call's packets are told apart by where they went (the SUT's port for that call's caller leg) and
 * tied to an agent call by the relayed copies: the SUT port whose packets each left SIPp before
 * their copy reached the agent, with the shortest median transit over the first MATCH_PACKETS
 * copies. (One copy is not enough: when the SUT relays a call's first packet more than a frame
 * late, the same sequence number of a call started a frame later has already left SIPp too, and
 * two calls' audio was swapped in the check.)
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

/** Relayed copies per agent call that tie it to a SIPp call (a second of audio). */
const MATCH_PACKETS = 50;

export function sippFramesByCall(capture: Capture, audio: { ssrc: number; firstSequence: number }, agentCalls: readonly PhoneCall[]): Map<PhoneCall, SentFrameTime[]> {
  const agentPorts = new Map(agentCalls.map((call) => [call.media.local.port, call]));
  const sent = new Map<number, CapturedRtp[]>(); // SUT caller-leg port → SIPp's packets to it
  const relayed = new Map<PhoneCall, CapturedRtp[]>();
  for (const packet of capture.rtp) {
    if (packet.ssrc !== audio.ssrc) continue;
    const agentCall = agentPorts.get(packet.destination.port);
    if (agentCall) {
      const copies = relayed.get(agentCall) ?? [];
      if (copies.length < MATCH_PACKETS) copies.push(packet);
      relayed.set(agentCall, copies);
    } else if (!agentPorts.has(packet.source.port)) {
      const list = sent.get(packet.destination.port) ?? [];
      list.push(packet);
      sent.set(packet.destination.port, list);
    }
  }
  const sentAt = new Map([...sent].map(([port, packets]) => [port, new Map(packets.map((p) => [p.sequence, p.timeUs]))]));
  const result = new Map<PhoneCall, SentFrameTime[]>();
  const offsetMs = wallToHarnessOffsetMs();
  for (const [call, copies] of relayed) {
    let best: { port: number; matches: number; transitUs: number } | undefined;
    for (const [port, times] of sentAt) {
      const transits: number[] = [];
      for (const copy of copies) {
        const original = times.get(copy.sequence);
        if (original !== undefined && original <= copy.timeUs) transits.push(copy.timeUs - original);
      }
      if (transits.length === 0) continue;
      const transitUs = transits.sort((a, b) => a - b)[transits.length >> 1];
      if (!best || transits.length > best.matches || (transits.length === best.matches && transitUs < best.transitUs)) best = { port, matches: transits.length, transitUs };
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
