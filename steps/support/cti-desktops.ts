import { CtiClient, ReceivedEvent, SentRequest } from '../../simulators/cti/cti-client';
import { CallEvent } from '../../simulators/cti/cti-events';
import { Clock } from '../../simulators/time/clock';
import { HostPort } from '../../simulators/net/host-port';
import { DisposerStack } from './disposer-stack';
import { HARNESS_WAIT_MS } from './waiting';

/** A request a desktop made in the scenario, with what it asked for. */
export interface DesktopRequest {
  desktop: string;
  sent: SentRequest;
  fields: Record<string, unknown>;
}

/**
 * The scenario's CTI clients ("the agent's desktop", "a supervisor desktop"), each a CtiClient on
 * the SUT's CTI address, and every request they made, in order.
 */
export class CtiDesktops {
  private readonly clients = new Map<string, CtiClient>();
  private readonly dns = new Map<string, string>();
  readonly requests: DesktopRequest[] = [];

  constructor(private readonly clock: Clock, private readonly disposers: DisposerStack, private readonly ctiResponseMs: number) {}

  async open(name: string, address: HostPort): Promise<CtiClient> {
    if (this.clients.has(name)) throw new Error(`the scenario already has a desktop called "${name}"`);
    const client = await CtiClient.connect({ address, clock: this.clock, name });
    this.disposers.push(`CTI client ${name}`, () => client.close());
    this.clients.set(name, client);
    return client;
  }

  get(name: string): CtiClient {
    const client = this.clients.get(name);
    if (!client) throw new Error(`no desktop called "${name}" in this scenario (desktops: ${[...this.clients.keys()].join(', ') || 'none'})`);
    return client;
  }

  /** Notes the DN a desktop registered (its "own DN"). */
  registered(desktop: string, dn: string): void {
    this.dns.set(desktop, dn);
  }

  registeredDn(desktop: string): string {
    const dn = this.dns.get(desktop);
    if (!dn) throw new Error(`${desktop} has registered no DN`);
    return dn;
  }

  all(): CtiClient[] {
    return [...this.clients.values()];
  }

  /** Sends a request and keeps it; its response is awaited by whoever judges it. */
  send(desktop: string, message: string, fields: Record<string, unknown>): DesktopRequest {
    const sent = this.get(desktop).send(message, fields, this.ctiResponseMs);
    sent.response.catch(() => undefined); // judged by a Then step; a timeout is its finding
    const request = { desktop, sent, fields };
    this.requests.push(request);
    return request;
  }

  last(desktop?: string): DesktopRequest {
    const request = [...this.requests].reverse().find((r) => desktop === undefined || r.desktop === desktop);
    if (!request) throw new Error(`no CTI request was made${desktop ? ` by ${desktop}` : ''} in this scenario`);
    return request;
  }

  /** The ConnectionID of the call at `dn`, from the EventEstablished the desktop got for it. */
  async connIdAt(desktop: string, dn: string): Promise<string> {
    const established = await this.get(desktop).waitFor(
      (e) => e.event.message === 'EventEstablished' && (e.event as CallEvent).thisDN === dn,
      HARNESS_WAIT_MS,
      () => new Error(`${desktop} got no EventEstablished for DN ${dn}: it cannot name the call`),
    );
    return (established.event as CallEvent).connId;
  }

  /** The events of one kind a desktop got, in order. */
  eventsOf(desktop: string, message: string): ReceivedEvent[] {
    return this.get(desktop).events.filter((e) => e.event.message === message);
  }
}
