import { Call } from '../call/call';
import { Directory } from '../directory';
import { RouteOutcome, RoutingPointEntry, RoutingPoints } from './routing-points';

/** Routing points routing to routing points: more hops than this is a loop. */
const MAX_ROUTING_HOPS = 8;

/**
 * The call waits at `first`, and at every routing point it is routed on to, until a strategy (or a
 * defaultDN) names a DN that is not a routing point. Both the B2BUA (a new call) and a transfer to a
 * routing point (SEL-04) go this way, so either may be routed again with new extensions.
 */
export async function routeOnward(routingPoints: RoutingPoints, directory: Directory, call: Call, first: RoutingPointEntry): Promise<RouteOutcome> {
  let routingPoint = first;
  for (let hop = 0; hop < MAX_ROUTING_HOPS; hop++) {
    const outcome = await routingPoints.wait(call, routingPoint);
    if (outcome.kind === 'refused') return outcome;
    const next = directory.dn(outcome.otherDn);
    if (next?.type !== 'RoutingPoint') return outcome;
    routingPoint = next;
  }
  return { kind: 'refused', status: 482, reason: `routing points route the call in a loop (more than ${MAX_ROUTING_HOPS} hops)` };
}
