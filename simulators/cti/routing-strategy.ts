import { CtiClient, ReceivedEvent, SentRequest } from './cti-client';
import { CallEvent } from './cti-events';

/** What the strategy answers an EventRouteRequest with: RequestRouteCall's otherDN and extensions. */
export interface RoutePlan {
  otherDN: string;
  extensions?: Record<string, string>;
}

/** One EventRouteRequest and the RequestRouteCall it was answered with. */
export interface RoutedRequest {
  routeRequest: ReceivedEvent;
  fields: Record<string, unknown>;
  sent: SentRequest;
}

/**
 * The routing-strategy role of a T-Library client (seed, "Selective Recording"): registered on a
 * routing point, it answers each EventRouteRequest there with the RequestRouteCall its plan gives,
 * and keeps every route request and its answer for the steps to judge.
 */
export class RoutingStrategy {
  readonly routed: RoutedRequest[] = [];
  private readonly stop: () => void;

  /**
   * `send` puts a RequestRouteCall on the client's wire (by default `client.send` with
   * `responseTimeoutMs`); a caller that keeps its own log of requests passes its own.
   */
  constructor(
    client: CtiClient,
    readonly routingPointDn: string,
    private readonly plan: (routeRequest: CallEvent) => RoutePlan,
    responseTimeoutMs: number,
    private readonly send: (fields: Record<string, unknown>) => SentRequest = (fields) => client.send('RequestRouteCall', fields, responseTimeoutMs),
  ) {
    this.stop = client.onEvent((received) => {
      if (received.event.message !== 'EventRouteRequest') return;
      const event = received.event as CallEvent;
      if (event.thisDN === routingPointDn) this.answer(received, event);
    });
  }

  /** Stops answering route requests. */
  close(): void {
    this.stop();
  }

  private answer(received: ReceivedEvent, event: CallEvent): void {
    const { otherDN, extensions } = this.plan(event);
    const fields: Record<string, unknown> = { thisDN: this.routingPointDn, connId: event.connId, otherDN, ...(extensions ? { extensions } : {}) };
    const sent = this.send(fields);
    sent.response.catch(() => undefined); // a missing response is a step's finding
    this.routed.push({ routeRequest: received, fields, sent });
  }
}
