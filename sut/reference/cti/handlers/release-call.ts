import { InvalidStateError, InvalidValueError, UnknownConnIdError } from '../../errors';
import { CtiHandler, requireRegistered } from './handler';

/**
 * RequestReleaseCall {thisDN, connId} → EventACK: the desktop hangs ThisDN's party up. The reference
 * SUT's calls have two parties, so the call ends: a BYE to every leg, EventReleased to the clients of
 * its DNs, and its recording stops as at any hang-up. Releasing a call still ringing (an abandon) is
 * InvalidState here: this SUT ends only established calls from the desktop.
 */
export const releaseCall: CtiHandler<'RequestReleaseCall'> = (request, client, services) => {
  requireRegistered(client, request.thisDN, services);
  const call = services.calls.get(request.connId);
  if (!call) throw new UnknownConnIdError(request.connId, services.calls.wasReleased(request.connId));
  if (!call.legOfDn(request.thisDN)) throw new InvalidValueError(`ThisDN ${request.thisDN} is not a party of call ${call.connId}`);
  if (call.state !== 'established') throw new InvalidStateError(`call ${call.connId} is not established yet (${call.state}): this SUT releases only established calls`);
  services.callControl.hangUp(call);
  return { message: 'EventACK', thisDN: request.thisDN, connId: call.connId };
};
