import { Call, CallLeg } from '../../call/call';
import { Directory } from '../../directory';
import { SutDeviations } from '../../deviations';
import { RecordingDecision } from '../recording-decision';

/** Who is logged in where, and whether SIP Cluster mode is on (agents/agent-sessions.ts). */
export interface AgentsOnDns {
  agentOn(dn: string): string | undefined;
  /** Every agent that was ever logged in on the DN (only a deviation looks at them). */
  formerAgentsOn(dn: string): readonly string[];
  readonly cluster: boolean;
}

/** What set a leg to be recorded: its DN entry, or the Agent Login of the agent on it. */
interface Flag {
  leg: CallLeg;
  agentId?: string;
  why: string;
}

/**
 * The call's treatment segment (rules 1-2): a Voice Treatment Port with record=true records its own
 * leg (FT-07); a Trunk Group with record=true records the caller's leg while an IVR (a treatment
 * port) serves the call (FT-06), until the hand-off releases the IVR's leg. Neither is an agent
 * leg, so Record-Side is source; `;dn=` is the port's or the trunk group's DN.
 */
function treatmentDecision(call: Call, directory: Directory, deviations: SutDeviations['fullTime']): RecordingDecision | undefined {
  const port = call.legs.find((l) => l.party.kind === 'port');
  if (!port) return undefined;
  const side = deviations.portAsExtension ? 'destination' : 'source';
  if (directory.dn(port.party.dn)?.record) {
    return { partyLeg: port.name, dn: port.party.dn, side, partitions: [], method: 'full-time', reason: `full-time: VoiceTreatmentPort ${port.party.dn} has record=true` };
  }
  const trunk = call.legs.find((l) => l.party.kind === 'trunk');
  if (!trunk || deviations.ignoresTrunkGroup || !directory.dn(trunk.party.dn)?.record) return undefined;
  return { partyLeg: trunk.name, dn: trunk.party.dn, side: 'source', partitions: [], method: 'full-time', reason: `full-time: TrunkGroup ${trunk.party.dn} has record=true (IVR interaction)` };
}

/**
 * Full-time recording (FT-01/02/04/05, FT-08; FT-06/07 when no agent leg is recorded): an established call with an agent leg whose
 * Extension or ACD Position has record=true, or whose logged-in agent's Agent Login has it (not
 * under SIP Cluster), is recorded agent-side (PROFILE-RULES.md rules 1-2); in an internal call
 * between two such legs only the called one (rule 14, `fullTime.internalCalls: called`).
 */
export function fullTimeDecision(call: Call, directory: Directory, agents: AgentsOnDns, deviations: SutDeviations['fullTime']): RecordingDecision | undefined {
  if (deviations.neverRecords) return undefined;
  const flagged = call.agentLegs().map((leg) => flagOf(leg, directory, agents, deviations)).filter((f): f is Flag => f !== undefined);
  const chosen = flagged.find((f) => f.leg.name === 'callee') ?? flagged[0];
  if (!chosen) return treatmentDecision(call, directory, deviations);
  const party = chosen.leg;
  const partyLeg = deviations.otherLegAsParty ? (call.otherLegs(party.name)[0] ?? party) : party;
  return {
    partyLeg: partyLeg.name, dn: party.party.dn, side: 'destination', partitions: [], method: 'full-time',
    ...(chosen.agentId ? { agentId: chosen.agentId } : {}),
    reason: `full-time: ${chosen.why}`,
  };
}

function flagOf(leg: CallLeg, directory: Directory, agents: AgentsOnDns, deviations: SutDeviations['fullTime']): Flag | undefined {
  const dn = leg.party.dn;
  const entry = directory.dn(dn);
  const agentDn = entry?.type === 'Extension' || (entry?.type === 'ACDPosition' && !deviations.ignoresAcdPosition);
  const agentId = agents.agentOn(dn);
  if (entry && agentDn && (entry.record || deviations.recordsUnflagged)) return { leg, agentId, why: `${entry.type} ${dn} has record=true` };
  if (!entry || !agentDn || deviations.ignoresAgentLogin) return undefined;
  if (agents.cluster && !deviations.loginRecordedUnderCluster) return undefined; // FT-05: not supported with SIP Cluster
  const candidates = deviations.loginStaysOnDn ? [...(agentId ? [agentId] : []), ...agents.formerAgentsOn(dn)] : agentId ? [agentId] : [];
  const recorded = candidates.find((id) => directory.agentLogin(id)?.record);
  return recorded ? { leg, agentId, why: `Agent Login ${recorded} on ${dn} has record=true` } : undefined;
}
