import { Call, CallLeg } from './call';

/**
 * What happens to calls, told to whoever listens (CTI, recording, screen) without the call layer
 * knowing them: an interface of optional callbacks, as SIP.js's user-agent-core delegate.
 */
export interface CallEventListener {
  /** A leg's phone is ringing (180 from it). */
  ringing?(call: Call, leg: CallLeg): void;
  established?(call: Call): void;
  released?(call: Call): void;
  /**
   * A party left a call that goes on (a transfer): its leg is being released. `via` is
   * 'routing-point' when the call now waits at a routing point for where it goes next.
   */
  legReleased?(call: Call, leg: CallLeg, via?: 'routing-point'): void;
  /** A leg now reaches another party (transfer, IVR hand-off). */
  partyChanged?(call: Call, leg: CallLeg, previous: CallLeg): void;
  /** The call waits at a routing point for a RequestRouteCall. */
  routeRequest?(call: Call, routingPointDn: string): void;
  /** The call ended before it was established (refused, unanswered, cancelled): it was never released. */
  abandoned?(call: Call): void;
}

type EventName = keyof CallEventListener;
type EventArgs<K extends EventName> = Parameters<NonNullable<CallEventListener[K]>>;

export class CallEvents {
  private readonly listeners: CallEventListener[] = [];

  subscribe(listener: CallEventListener): () => void {
    this.listeners.push(listener);
    return () => {
      const index = this.listeners.indexOf(listener);
      if (index >= 0) this.listeners.splice(index, 1);
    };
  }

  /** Tells every listener, in subscription order; one listener's exception does not silence the rest. */
  emit<K extends EventName>(name: K, ...args: EventArgs<K>): Error[] {
    const errors: Error[] = [];
    for (const listener of [...this.listeners]) {
      const callback = listener[name] as ((...a: EventArgs<K>) => void) | undefined;
      try {
        callback?.apply(listener, args);
      } catch (error) {
        errors.push(error instanceof Error ? error : new Error(String(error)));
      }
    }
    return errors;
  }
}
