import { Call, CallLeg } from '../../call/call';
import { Directory } from '../../directory';
import { SutDeviations } from '../../deviations';
import { RecordingDecision } from '../recording-decision';

const AGENT_DN_TYPES: ReadonlySet<string> = new Set(['Extension', 'ACDPosition']);

/**
 * Full-time recording by DN (FT-01/02, FT-08): an established call with an agent whose Extension or
 * ACD Position has record=true is recorded agent-side (PROFILE-RULES.md rules 1-2); in an internal
 * call between two such DNs only the called DN's side (rule 14, `fullTime.internalCalls: called`).
 */
export function fullTimeDecision(call: Call, directory: Directory, deviations: SutDeviations['fullTime']): RecordingDecision | undefined {
  if (deviations.neverRecords) return undefined;
  const flagged = (leg: CallLeg): boolean => {
    const entry = directory.dn(leg.party.dn);
    if (!entry || !AGENT_DN_TYPES.has(entry.type)) return false;
    return entry.record || deviations.recordsUnflagged;
  };
  const recorded = call.agentLegs().filter(flagged);
  const party = recorded.find((l) => l.name === 'callee') ?? recorded[0];
  if (!party) return undefined;
  const partyLeg = deviations.otherLegAsParty ? (call.otherLegs(party.name)[0] ?? party) : party;
  const entry = directory.dn(party.party.dn)!;
  return {
    partyLeg: partyLeg.name, dn: party.party.dn, side: 'destination', partitions: [], method: 'full-time',
    reason: `full-time: ${entry.type} ${party.party.dn} has record=true`,
  };
}
