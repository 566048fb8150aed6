import { IncomingRefer, IncomingRequest, SipUri } from '../../../../simulators/sip';
import { LegName } from '../../media/media-relay';
import { Call } from '../call';
import { blindTransfer } from './blind';
import { completeConsultation, legReplaced } from './consultation';
import { canReach, TransferContext } from './transfer-context';

/**
 * A REFER in an agent's leg (RFC 3515): blind transfer to the Refer-To DN, or, with Replaces, the
 * completion of a consultation transfer. The SUT takes the transfer on itself (202, then a final
 * NOTIFY 200) and releases the transferor's leg; a target it cannot reach is refused outright.
 */
export function handleRefer(context: TransferContext, call: Call, from: LegName, request: IncomingRequest, onError: (error: Error) => void): void {
  let refer: IncomingRefer;
  try {
    refer = new IncomingRefer(request);
  } catch (error) {
    request.respond(400, { reason: `unreadable Refer-To: ${(error as Error).message}`.slice(0, 100) });
    return;
  }
  const target = refer.target instanceof SipUri ? refer.target.user : undefined;
  if (!target || !canReach(context, target)) {
    request.respond(target ? 480 : 400, { reason: target ? `DN ${target} has no registered phone` : 'Refer-To names no DN' });
    return;
  }
  const consultation = refer.replaces ? legReplaced(context, refer.replaces) : undefined;
  if (refer.replaces && !consultation) {
    request.respond(481, { reason: 'the dialog Replaces names does not exist' });
    return;
  }
  request.respond(202);
  // the SUT carries the transfer out itself, so it reports success at once (RFC 3515 lets the
  // first NOTIFY be the final one), before the transferor's leg is released
  refer.notify(200).catch(onError);
  const done = consultation ? completeConsultation(context, call, from, consultation) : blindTransfer(context, call, from, target);
  done.catch(onError);
}
