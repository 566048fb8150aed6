import { formatHostPort } from '../../simulators/net/host-port';
import { HARNESS_WAIT_MS, within } from './waiting';
import { GirWorld } from './world';

/** Where a phone sends a REFER's target: the DN at the SUT. */
export async function sutUri(world: GirWorld, dn: string): Promise<string> {
  return `sip:${dn}@${formatHostPort((await world.callControl()).sut.sipAddress)}`;
}

/** The party `name`'s phone rings with the transferred (or handed-off) call and answers it. */
export async function transferredCallAnswered(world: GirWorld, name: string): Promise<number> {
  const party = world.party(name);
  party.call = await within(HARNESS_WAIT_MS, `the transferred call reaching the ${name} (${party.dn})`, party.phone.nextIncomingCall(party.streamId, HARNESS_WAIT_MS, world.law));
  party.call.answer();
  return party.call.times.answeredAtMs!;
}
