import { Call, CallLeg } from '../../call/call';
import { InvalidValueError } from '../../errors';
import { RecordingDecision } from '../recording-decision';

export interface DynamicPolicyOptions {
  /** `dynamic.requireParty`: ThisDN must be a party of the call (else a supervisor may control it). */
  requireParty: boolean;
  /** Deviation: record=destination records ThisDN's side anyway. */
  destinationAsSource?: boolean;
}

/**
 * The leg ThisDN speaks for (PROFILE-RULES.md rules 1, 12): its own leg, or with requireParty
 * false and a ThisDN outside the call, the call's agent leg. Otherwise InvalidValue.
 */
export function referenceLeg(call: Call, thisDn: string, options: DynamicPolicyOptions): CallLeg {
  const own = call.legOfDn(thisDn);
  if (own) return own;
  if (options.requireParty) throw new InvalidValueError(`ThisDN ${thisDn} is not a party of call ${call.connId}`);
  const agent = call.agentLegs()[0];
  if (!agent) throw new InvalidValueError(`ThisDN ${thisDn} is not a party of call ${call.connId}, which has no agent leg to stand for`);
  return agent;
}

/**
 * GSIP_RECORD_START (DYN-01, DYN-07, DYN-08): record=source records the reference leg, destination
 * the other party; Record-Side is the requested value (rule 2), `;dn=` the party side's DN.
 */
export function dynamicDecision(
  call: Call,
  request: { thisDn: string; record: 'source' | 'destination'; partitions: readonly string[] },
  options: DynamicPolicyOptions,
): RecordingDecision {
  const reference = referenceLeg(call, request.thisDn, options);
  const party = request.record === 'source' || options.destinationAsSource ? reference : call.otherLegs(reference.name)[0];
  if (!party) throw new InvalidValueError(`call ${call.connId} has no party opposite ${reference.party.dn} to record`);
  return {
    partyLeg: party.name, dn: party.party.dn, side: request.record, partitions: request.partitions, method: 'dynamic',
    reason: `dynamic: GSIP_RECORD_START from ${request.thisDn}, record=${request.record}`,
  };
}
