import { Call, CallParty } from '../call/call';
import { Directory } from '../directory';
import { LegName } from '../media/media-relay';
import { SutMutants } from '../mutants';

/** What to record: whose leg is the party side (label 1, `;dn=`) and what Record-Side says. */
export interface RecordingDecision {
  partyLeg: LegName;
  dn: string;
  side: 'source' | 'destination';
  agentId?: string;
  /** Why, for logs and errors: "full-time: Extension 7001 has record=true". */
  reason: string;
}

const AGENT_DN_TYPES: ReadonlySet<string> = new Set(['Extension', 'ACDPosition']);

/**
 * Full-time recording by DN (FT-01/02, FT-08): an established call with an agent whose Extension or
 * ACD Position has record=true is recorded agent-side (PROFILE-RULES.md rules 1-2); in an internal
 * call between two such DNs only the called DN's side (rule 14, `fullTime.internalCalls: called`).
 */
export function fullTimeDecision(call: Call, directory: Directory, mutants: SutMutants): RecordingDecision | undefined {
  if (mutants.is('sut-ft-never-records')) return undefined;
  const flagged = (party: CallParty): boolean => {
    const entry = directory.dn(party.dn);
    if (!entry || !AGENT_DN_TYPES.has(entry.type)) return false;
    return entry.record || mutants.is('sut-ft-records-unflagged');
  };
  const recorded = call.agents().filter(flagged);
  const party = recorded.find((p) => p.leg === 'callee') ?? recorded[0];
  if (!party) return undefined;
  const entry = directory.dn(party.dn)!;
  return { partyLeg: party.leg, dn: party.dn, side: 'destination', reason: `full-time: ${entry.type} ${party.dn} has record=true` };
}
