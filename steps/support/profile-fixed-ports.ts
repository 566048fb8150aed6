import { parseHostPort } from '../../simulators/net/host-port';
import { Profile } from '../../profiles/profile-schema';

/**
 * The ports a profile fixes outside the worker's block (rule 22): an external SUT's SIP and CTI
 * addresses, ms.listen, the trunk groups' peers and the screen service's URL. A scenario's capture
 * takes them in as well, or an external SUT's traffic to the fake Media Server would be missing.
 */
export function fixedPortsOf(profile: Profile): number[] {
  const addresses = [profile.sut.sip, profile.sut.cti, profile.ms.listen, ...profile.directory.map((e) => (e.type === 'TrunkGroup' ? e.peer : undefined))];
  const ports = addresses.filter((a): a is string => a !== undefined).map((a) => parseHostPort(a).port);
  if (profile.screen.url) ports.push(Number(new URL(profile.screen.url).port || 80));
  return ports.filter((port) => port > 0);
}
