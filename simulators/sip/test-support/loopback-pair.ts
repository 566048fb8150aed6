import { ManualClock } from '../../time/manual-clock';
import { LoopbackNetwork, LoopbackTransport } from '../transport/loopback-transport';
import { SipUserAgent } from '../user-agent';

export interface Pair {
  clock: ManualClock;
  net: LoopbackNetwork;
  a: SipUserAgent;
  b: SipUserAgent;
  ta: LoopbackTransport;
  tb: LoopbackTransport;
  uriOfB: string;
  errors: Error[];
}

/** Two UAs on a loopback network driven by a ManualClock. */
export async function loopbackPair(): Promise<Pair> {
  const clock = new ManualClock();
  const net = new LoopbackNetwork(clock);
  const ta = net.bind();
  const tb = net.bind();
  const errors: Error[] = [];
  const a = await SipUserAgent.start({ transport: ta, clock, onError: (e) => errors.push(e) });
  const b = await SipUserAgent.start({ transport: tb, clock, onError: (e) => errors.push(e) });
  return { clock, net, a, b, ta, tb, uriOfB: `sip:7001@${tb.local.host}:${tb.local.port}`, errors };
}

/** Delivers everything due within `ms` of clock time, then lets promise callbacks run. */
export async function run(clock: ManualClock, ms = 0): Promise<void> {
  clock.advance(ms);
  await new Promise(setImmediate);
}

/** First lines of what a loopback transport sent, for ladder assertions. */
export function ladder(t: LoopbackTransport): string[] {
  return t.sent.map((s) => s.data.toString('utf8').split('\r\n')[0] + (s.dropped ? ' (dropped)' : ''));
}

/**
 * Lets a multi-step exchange play out at the current clock time: delivery happens on clock
 * timers, and application steps chained on promises send more, so both are pumped in turns.
 */
export async function settle(clock: ManualClock, rounds = 30): Promise<void> {
  for (let i = 0; i < rounds; i++) await run(clock);
}
