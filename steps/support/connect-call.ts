import { GirWorld, Party } from './world';
import { HARNESS_WAIT_MS, within } from './waiting';

/** The number an agent dials for an outbound call: anything that is not a DN of the directory. */
export const EXTERNAL_NUMBER = '18005550100';

/**
 * `caller` dials `dialled` through the SUT; `callee` rings and answers; both calls are kept on their
 * parties, and the callee's answer is the start reference (PROFILE-RULES.md rule 15).
 */
export async function connect(world: GirWorld, caller: Party, callee: Party, dialled: string, fromUser?: string): Promise<void> {
  const ringing = callee.phone.nextIncomingCall(callee.streamId, HARNESS_WAIT_MS, world.law);
  const calling = caller.phone.call(dialled, caller.streamId, fromUser, world.law);
  callee.call = await within(HARNESS_WAIT_MS, `the call from ${caller.name} (${caller.dn}) reaching ${callee.name} (${callee.dn})`, ringing);
  callee.call.answer();
  caller.call = await within(HARNESS_WAIT_MS, `the SUT's 200 OK to ${caller.name}`, calling);
  world.answeredBy = callee.name;
}

