import { Clock, TimerHandle } from '../../../simulators/time/clock';
import { Call } from '../call/call';
import { CallEventListener, CallEvents } from '../call/call-events';
import { DnEntry } from '../directory';

export type RoutingPointEntry = Extract<DnEntry, { type: 'RoutingPoint' }>;

/** How a wait at a routing point ended: a destination to ring, or a final status for the caller. */
export type RouteOutcome = { kind: 'routed'; otherDn: string; by: 'request' | 'default' } | { kind: 'refused'; status: number; reason: string };

interface Waiting {
  call: Call;
  routingPoint: RoutingPointEntry;
  timer?: TimerHandle;
  settle: (outcome: RouteOutcome) => void;
}

/**
 * Calls waiting at routing points (PROFILE-RULES.md rule 24). The caller has had 100 Trying from
 * the SIP layer; the routing point raises EventRouteRequest (a call event) to the clients
 * registered on it and waits for their RequestRouteCall. With no client registered, or after
 * `tolerance.routeTimeoutMs` without one, the call goes to the routing point's `defaultDN`, or is
 * answered 480.
 */
export class RoutingPoints implements CallEventListener {
  private readonly waiting = new Map<string, Waiting>();

  constructor(
    private readonly clock: Clock,
    private readonly routeTimeoutMs: number,
    private readonly hasClientOn: (dn: string) => boolean,
    private readonly events: CallEvents,
  ) {}

  /** Parks `call` at the routing point until it is routed, times out or is cancelled. */
  wait(call: Call, routingPoint: RoutingPointEntry): Promise<RouteOutcome> {
    if (!this.hasClientOn(routingPoint.dn)) return Promise.resolve(this.fallback(routingPoint, 'no client is registered on it'));
    return new Promise((resolve) => {
      const waiting: Waiting = {
        call, routingPoint,
        settle: (outcome) => {
          waiting.timer?.cancel();
          if (this.waiting.get(call.connId) === waiting) this.waiting.delete(call.connId);
          resolve(outcome);
        },
      };
      waiting.timer = this.clock.setTimer(this.routeTimeoutMs, () => waiting.settle(this.fallback(routingPoint, `no RequestRouteCall within ${this.routeTimeoutMs} ms`)));
      this.waiting.set(call.connId, waiting);
      this.events.emit('routeRequest', call, routingPoint.dn);
    });
  }

  /** The routing point the call waits at, if it waits. */
  waitingAt(connId: string): string | undefined {
    return this.waiting.get(connId)?.routingPoint.dn;
  }

  /** RequestRouteCall accepted: the call leaves the routing point for `otherDn`. */
  route(connId: string, otherDn: string): void {
    this.waiting.get(connId)?.settle({ kind: 'routed', otherDn, by: 'request' });
  }

  /** The caller gave up (CANCEL): the wait ends with 487. */
  cancel(connId: string): void {
    this.waiting.get(connId)?.settle({ kind: 'refused', status: 487, reason: 'Request Terminated' });
  }

  /** The call ended while it waited (its caller hung up during a transfer's wait): the wait ends. */
  released(call: Call): void {
    this.waiting.get(call.connId)?.settle({ kind: 'refused', status: 487, reason: 'the call was released while it waited' });
  }

  /** The SUT stops: every waiting caller gets 480. */
  close(): void {
    for (const waiting of [...this.waiting.values()]) waiting.settle({ kind: 'refused', status: 480, reason: 'the SUT is stopping' });
  }

  private fallback(routingPoint: RoutingPointEntry, why: string): RouteOutcome {
    if (routingPoint.defaultDN) return { kind: 'routed', otherDn: routingPoint.defaultDN, by: 'default' };
    return { kind: 'refused', status: 480, reason: `routing point ${routingPoint.dn}: ${why}, and it has no defaultDN` };
  }
}
