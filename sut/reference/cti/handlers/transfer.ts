import { InvalidValueError, UnknownConnIdError } from '../../errors';
import { CtiHandler, requireRegistered } from './handler';

/**
 * RequestSingleStepTransfer {thisDN, connId, otherDN} → EventACK (FT-03): ThisDN's leg is released
 * at once (rule 15: when the SUT accepts) and the call goes to otherDN, which must be an agent DN
 * with a registered phone.
 */
export const singleStepTransfer: CtiHandler<'RequestSingleStepTransfer'> = (request, client, services) => {
  requireRegistered(client, request.thisDN, services);
  const call = services.calls.get(request.connId);
  if (!call) throw new UnknownConnIdError(request.connId, services.calls.wasReleased(request.connId));
  const leg = call.legOfDn(request.thisDN);
  if (!leg) throw new InvalidValueError(`ThisDN ${request.thisDN} is not a party of call ${call.connId}`);
  if (!services.transfers.canReach(request.otherDN)) throw new InvalidValueError(`otherDN ${request.otherDN} is neither an agent DN with a registered phone nor a routing point`);
  services.transfers.singleStep(call, leg.name, request.otherDN);
  return { message: 'EventACK', thisDN: request.thisDN, connId: call.connId, otherDN: request.otherDN };
};
