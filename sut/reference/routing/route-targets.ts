import { Call } from '../call/call';
import { Directory } from '../directory';

/**
 * Whether RequestRouteCall may send this call to `otherDn` (else InvalidValue, rule 8): a DN that
 * takes calls (a phone's DN, or another routing point), or, for a call an agent made (outbound), a
 * number outside the directory, which leaves through a trunk group.
 */
export function isRoutable(directory: Directory, call: Call, otherDn: string): boolean {
  const entry = directory.dn(otherDn);
  if (entry) return directory.isRegistrable(otherDn) || entry.type === 'RoutingPoint';
  if (directory.agentLogin(otherDn)) return false;
  return call.legs[0]?.party.kind === 'agent';
}
