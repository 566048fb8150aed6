import { IncomingRequest } from '../../../../simulators/sip';
import { LegName } from '../../media/media-relay';
import { Call } from '../call';
import { blindTransfer } from './blind';
import { handleRefer } from './refer-handler';
import { canReach, TransferContext } from './transfer-context';

/** Transfers as the CTI handlers and the B2BUA's REFER see them (pjsip's sip_xfer beside the call). */
export class Transfers {
  readonly errors: Error[] = [];

  constructor(private readonly context: TransferContext) {}

  canReach(dn: string): boolean {
    return canReach(this.context, dn);
  }

  onRefer(call: Call, from: LegName, request: IncomingRequest): void {
    handleRefer(this.context, call, from, request, (error) => this.errors.push(error));
  }

  /** RequestSingleStepTransfer: accepted already (EventACK); the leg goes to `targetDn`. */
  singleStep(call: Call, from: LegName, targetDn: string): void {
    blindTransfer(this.context, call, from, targetDn).catch((error: unknown) => this.errors.push(error instanceof Error ? error : new Error(String(error))));
  }
}
