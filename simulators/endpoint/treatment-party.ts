import { G711Law } from '../media';
import { Clock } from '../time/clock';
import { transferCall, TransferResult } from './call-transfer';
import { Phone } from './phone';
import { PhoneCall } from './phone-call';

/**
 * The IVR or GVP treatment party (FT-06, FT-07): a phone registered on a Voice Treatment Port DN
 * that answers the call it is given, plays its watermarked prompt (its stream), and hands the call
 * off to an agent by REFER. It speaks plain SIP, so any SUT that routes to a treatment port and
 * takes a REFER can use it; a hand-off over CTI is the desktop's (RequestSingleStepTransfer).
 */
export class TreatmentParty {
  constructor(readonly phone: Phone, private readonly clock: Clock) {}

  /** Registers the port DN with the SUT. */
  register(dn: string): Promise<void> {
    return this.phone.register(dn);
  }

  /** The next call to the port, answered at once: the treatment starts with the answer. */
  async answerNext(streamId: number, timeoutMs: number, law?: G711Law): Promise<PhoneCall> {
    const call = await this.phone.nextIncomingCall(streamId, timeoutMs, law);
    call.answer();
    return call;
  }

  /** Ends the treatment: the call goes to `targetUri` (an agent DN at the SUT). */
  handOff(call: PhoneCall, targetUri: string): Promise<TransferResult> {
    return transferCall(call, this.clock, targetUri);
  }
}
