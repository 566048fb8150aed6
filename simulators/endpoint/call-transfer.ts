import { ReferOutcome } from '../sip';
import { Clock } from '../time/clock';
import { PhoneCall } from './phone-call';

/** How a transfer this phone asked for went. */
export interface TransferResult {
  /** The SUT's response to the REFER (202 when it took the transfer on). */
  status: number;
  /** The status of the last NOTIFY's sipfrag (the transfer target's answer, as the SUT reports it). */
  finalStatus?: number;
}

/**
 * The transferor's side (RFC 3515, RFC 5589): REFER in the call's dialog to `targetUri`, blind, or
 * with Replaces naming `consultation` (an attended transfer). When the SUT reports success the
 * transferor's part is over: the call is hung up unless the SUT has already released it. Any SUT
 * that speaks REFER can take it. `times` gets when the REFER was sent and when it was accepted.
 */
export async function transferCall(call: PhoneCall, clock: Clock, targetUri: string, consultation?: PhoneCall): Promise<TransferResult> {
  const dialog = call.sipDialog;
  if (!dialog || call.state !== 'established') throw new Error(`${call.phone}: no established call to transfer (state ${call.state})`);
  const replaces = consultation?.sipDialog;
  if (consultation && !replaces) throw new Error(`${call.phone}: the consultation call is not established`);
  call.times.transferRequestedAtMs = clock.now();
  const refer = dialog.refer(targetUri, replaces ? { replaces } : {});
  const answered = await Promise.race([refer.answered, refer.done.then((o: ReferOutcome) => o.response)]);
  if (answered.status >= 200 && answered.status < 300) call.times.transferAcceptedAtMs = clock.now();
  const outcome = await refer.done;
  const finalStatus = outcome.final?.status ?? undefined;
  const succeeded = finalStatus !== undefined && finalStatus >= 200 && finalStatus < 300;
  if (succeeded) {
    for (const done of consultation ? [call, consultation] : [call]) if (done.state === 'established') await done.hangup().catch(() => undefined);
  }
  return { status: outcome.response.status, ...(finalStatus !== undefined ? { finalStatus } : {}) };
}
