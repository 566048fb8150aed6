import { GirWorld, Party } from './world';

const AGENT_DN_TYPES = ['Extension', 'ACDPosition'] as const;

/** A registered phone on an Extension or ACD Position DN, as a named party of the scenario. */
export async function agentPhoneOn(world: GirWorld, role: string, party: string): Promise<Party> {
  const entry = world.directoryEntry(role);
  if (!AGENT_DN_TYPES.includes(entry.type as (typeof AGENT_DN_TYPES)[number]) || !('dn' in entry)) {
    throw new Error(`directory role "${role}" is a ${entry.type}; an agent phone needs an Extension or ACD Position`);
  }
  const phone = await world.newPhone(`${party} ${entry.dn}`);
  await phone.register(entry.dn);
  return world.addParty(party, phone, entry.dn);
}
