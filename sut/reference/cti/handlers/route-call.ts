import { Call } from '../../call/call';
import { InvalidStateError, InvalidValueError, UnknownConnIdError } from '../../errors';
import { SelectiveRecord } from '../../recording/policies/selective';
import { isRoutable } from '../../routing/route-targets';
import { CtiHandler, CtiServices, requireRegistered } from './handler';

const RECORD_VALUES: ReadonlySet<string> = new Set<SelectiveRecord>(['destination', 'disable_destination']);

function callOf(connId: string, services: CtiServices): Call {
  const call = services.calls.get(connId);
  if (call) return call;
  throw new UnknownConnIdError(connId, services.calls.wasReleased(connId));
}

/**
 * RequestRouteCall from the routing strategy (SEL-*, rule 24): the call waiting at ThisDN goes to
 * otherDN, with extensions record (destination | disable_destination), id and dest for selective
 * recording. Judged in rule 8's precedence: ThisDN registered → ConnectionID → otherDN and record
 * → DuplicateId → the call waits at ThisDN (InvalidState). EventACK leaves before the INVITE to
 * otherDN (the B2BUA goes on once this handler has returned).
 */
export const routeCall: CtiHandler<'RequestRouteCall'> = (request, client, services) => {
  requireRegistered(client, request.thisDN, services);
  const call = callOf(request.connId, services);
  if (!isRoutable(services.directory, call, request.otherDN)) throw new InvalidValueError(`otherDN ${request.otherDN} cannot take call ${call.connId}`);
  const extensions = request.extensions ?? {};
  const record = extensions.record as string | undefined;
  if (record !== undefined && !RECORD_VALUES.has(record)) throw new InvalidValueError(`extension record=${JSON.stringify(record)}: expected destination or disable_destination`);
  const id = extensions.id as string | undefined;
  const dest = extensions.dest as string | undefined;
  if (record !== undefined) services.selective.checkId({ record: record as SelectiveRecord, id });
  const waitingAt = services.routingPoints.waitingAt(call.connId);
  if (waitingAt !== request.thisDN) throw new InvalidStateError(`call ${call.connId} is not waiting at routing point ${request.thisDN}${waitingAt ? ` (it waits at ${waitingAt})` : ''}`);
  if (record !== undefined) {
    services.selective.set(call, { record: record as SelectiveRecord, routingPoint: request.thisDN, ...(id !== undefined ? { id } : {}), ...(dest !== undefined ? { dest } : {}) });
    if (record === 'disable_destination') services.recordings.disableDestination(call);
  }
  services.routingPoints.route(call.connId, request.otherDN);
  return { message: 'EventACK', thisDN: request.thisDN, connId: call.connId, otherDN: request.otherDN };
};
