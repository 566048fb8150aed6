import { Dialog } from '../../../simulators/sip';
import { LegName, MediaRelay } from '../media/media-relay';

/** A party of a call: an agent's DN (a registered phone) or a trunk group (an external party). */
export interface CallParty {
  dn: string;
  kind: 'agent' | 'trunk';
  leg: LegName;
}

export type CallState = 'setup' | 'established' | 'released';

/** One call through the B2BUA: its two legs, their parties, the media anchor and its times. */
export class Call {
  private currentState: CallState = 'setup';
  readonly dialogs: Partial<Record<LegName, Dialog>> = {};
  establishedAtMs?: number;
  releasedAtMs?: number;

  constructor(
    readonly connId: string,
    readonly parties: Record<LegName, CallParty>,
    readonly relay: MediaRelay,
  ) {}

  get state(): CallState {
    return this.currentState;
  }

  markEstablished(atMs: number): void {
    if (this.currentState !== 'setup') throw new Error(`call ${this.connId}: cannot establish a call that is ${this.currentState}`);
    this.currentState = 'established';
    this.establishedAtMs = atMs;
  }

  /** Returns false when the call was already released (a BYE crossing another). */
  markReleased(atMs: number): boolean {
    if (this.currentState === 'released') return false;
    this.currentState = 'released';
    this.releasedAtMs = atMs;
    return true;
  }

  party(leg: LegName): CallParty {
    return this.parties[leg];
  }

  otherLeg(leg: LegName): LegName {
    return leg === 'caller' ? 'callee' : 'caller';
  }

  agents(): CallParty[] {
    return [this.parties.caller, this.parties.callee].filter((p) => p.kind === 'agent');
  }
}
