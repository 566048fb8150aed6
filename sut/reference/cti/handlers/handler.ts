import { AgentSessions } from '../../agents/agent-sessions';
import type { Call } from '../../call/call';
import { CallRegistry } from '../../call/call-registry';
import type { Transfers } from '../../call/transfer/transfers';
import { SutDeviations } from '../../deviations';
import { Directory } from '../../directory';
import { DnNotRegisteredError } from '../../errors';
import { RecordingController } from '../../recording/recording-controller';
import { SelectiveRecordings } from '../../recording/policies/selective';
import { RoutingPoints } from '../../routing/routing-points';
import { CtiClientSession } from '../client-session';
import { CtiRequest, RequestName } from '../protocol';

/** What the handlers act on; the composition root fills it. */
export interface CtiServices {
  directory: Directory;
  calls: CallRegistry;
  recordings: RecordingController;
  agents: AgentSessions;
  routingPoints: RoutingPoints;
  selective: SelectiveRecordings;
  transfers: Pick<Transfers, 'canReach' | 'singleStep'>;
  /** The SUT ends a call itself (RequestReleaseCall): BYE to every leg. */
  callControl: { hangUp(call: Call): void };
  dynamic: { requireParty: boolean; defaultSide: 'source' | 'destination' };
  deviations: SutDeviations;
}

/** A success event without the referenceId and reasons, which the dispatcher adds. */
export type SuccessEvent = { message: string } & Record<string, unknown>;

/** One kind of request served (as SIP.js has one user-agent class per request kind). */
export type CtiHandler<N extends RequestName> = (request: CtiRequest<N>, client: CtiClientSession, services: CtiServices) => SuccessEvent;

/** Rule 8: ThisDN must be registered by this client, whether the DN is known or not. */
export function requireRegistered(client: CtiClientSession, dn: string, services: CtiServices): void {
  if (!client.hasRegistered(dn) && !services.deviations.dynamic.acceptsUnregisteredDn) throw new DnNotRegisteredError(dn);
}
