import { LegName } from '../../media/media-relay';
import { routeOnward } from '../../routing/route-onward';
import { Call } from '../call';
import { connectLeg, detachLeg, TransferContext } from './transfer-context';

/**
 * Blind and single-step transfer (FT-03): the transferring party's leg is released the moment the
 * SUT accepts the transfer (rule 15), and the same side of the call is offered to `targetDn`; the
 * other party stays on the media anchor, so it needs no new offer. A transfer to a routing point
 * waits there for the strategy's RequestRouteCall, whose extensions may record the new leg (SEL-04).
 */
export async function blindTransfer(context: TransferContext, call: Call, from: LegName, targetDn: string): Promise<void> {
  const routingPoint = context.directory.dn(targetDn);
  if (routingPoint?.type !== 'RoutingPoint') {
    detachLeg(context, call, from, 'blind');
    return connectLeg(context, call, from, targetDn);
  }
  detachLeg(context, call, from, 'blind', 'routing-point');
  const outcome = await routeOnward(context.routingPoints, context.directory, call, routingPoint);
  if (call.state === 'released') return;
  if (outcome.kind === 'refused') return context.hangUp(call);
  return connectLeg(context, call, from, outcome.otherDn);
}
