import { LegName } from '../../media/media-relay';
import { Call } from '../call';
import { connectLeg, detachLeg, TransferContext } from './transfer-context';

/**
 * Blind and single-step transfer (FT-03): the transferring party's leg is released the moment the
 * SUT accepts the transfer (rule 15), and the same side of the call is offered to `targetDn`; the
 * other party stays on the media anchor, so it needs no new offer.
 */
export function blindTransfer(context: TransferContext, call: Call, from: LegName, targetDn: string): Promise<void> {
  detachLeg(context, call, from, 'blind');
  return connectLeg(context, call, from, targetDn);
}
