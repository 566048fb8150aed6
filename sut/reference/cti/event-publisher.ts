import { Call, CallLeg } from '../call/call';
import { CallEventListener } from '../call/call-events';
import { AttachedDataListener, RecordUserData } from '../recording/attached-data';
import { CtiClientSession } from './client-session';

/**
 * Unsolicited events to the clients registered on a DN: call events to every client registered on
 * the DN they concern (rule 10), EventAttachedDataChanged to every client registered on any DN of
 * the call, one per (client, DN) (rule 11).
 */
export class EventPublisher implements CallEventListener, AttachedDataListener {
  constructor(private readonly clients: () => Iterable<CtiClientSession>) {}

  ringing(call: Call, leg: CallLeg): void {
    this.toDn(leg.party.dn, { message: 'EventRinging', ...this.parties(call, leg) });
  }

  established(call: Call): void {
    for (const leg of call.legs) this.toDn(leg.party.dn, { message: 'EventEstablished', ...this.parties(call, leg) });
  }

  released(call: Call): void {
    for (const leg of call.legs) this.toDn(leg.party.dn, { message: 'EventReleased', ...this.parties(call, leg) });
  }

  /** EventRouteRequest to the routing strategy: the clients registered on the routing point (rule 24). */
  routeRequest(call: Call, routingPointDn: string): void {
    const caller = call.legs[0];
    this.toDn(routingPointDn, { message: 'EventRouteRequest', thisDN: routingPointDn, connId: call.connId, ...(caller ? { otherDN: caller.party.dn } : {}) });
  }

  /** Whether any client is registered on `dn` (a routing point with none routes to its defaultDN). */
  hasClientOn(dn: string): boolean {
    for (const client of this.clients()) if (client.hasRegistered(dn)) return true;
    return false;
  }

  /** A transferred party's leg ends while the call goes on: EventReleased to its DN. */
  legReleased(call: Call, leg: CallLeg): void {
    this.toDn(leg.party.dn, { message: 'EventReleased', ...this.parties(call, leg) });
  }

  /** Rule 10: the call's parties hear the change, the new party as EventEstablished. */
  partyChanged(call: Call, leg: CallLeg): void {
    for (const other of call.otherLegs(leg.name)) this.toDn(other.party.dn, { message: 'EventPartyChanged', ...this.parties(call, other) });
    this.toDn(leg.party.dn, { message: 'EventEstablished', ...this.parties(call, leg) });
  }

  changed(call: Call, userData: RecordUserData): void {
    for (const dn of call.dns()) this.toDn(dn, { message: 'EventAttachedDataChanged', thisDN: dn, connId: call.connId, userData: { ...userData } });
  }

  private parties(call: Call, leg: CallLeg): { thisDN: string; connId: string; otherDN?: string } {
    const other = call.otherLegs(leg.name)[0];
    return { thisDN: leg.party.dn, connId: call.connId, ...(other ? { otherDN: other.party.dn } : {}) };
  }

  private toDn(dn: string, event: Record<string, unknown>): void {
    for (const client of this.clients()) {
      if (client.hasRegistered(dn)) client.send(event);
    }
  }
}
