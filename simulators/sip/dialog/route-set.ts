import { NameAddr } from '../message/name-addr';
import { SipUri } from '../message/sip-uri';
import { Uri } from '../message/uri';

/**
 * RFC 3261 12.2.1.1: Request-URI, Route header values and next hop of a request in a dialog.
 * With no route set, or a loose router (lr) first, the Request-URI is the remote target; a strict
 * router first takes the Request-URI and the remote target goes at the end of the Route.
 */
export function dialogRouting(routeSet: NameAddr[], remoteTarget: Uri): { uri: Uri; route: NameAddr[]; nextHop: Uri } {
  if (routeSet.length === 0) return { uri: remoteTarget, route: [], nextHop: remoteTarget };
  const first = routeSet[0].uri;
  if (first instanceof SipUri && !first.hasParam('lr')) {
    const uri = first.with({ headers: [] });
    return { uri, route: [...routeSet.slice(1), new NameAddr({ uri: remoteTarget })], nextHop: uri };
  }
  return { uri: remoteTarget, route: routeSet, nextHop: first };
}
