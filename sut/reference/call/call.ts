import { Dialog } from '../../../simulators/sip';
import { LegName, MediaRelay } from '../media/media-relay';

/**
 * A party of a call: an agent's DN (a registered phone), a trunk group (an external party), or a
 * Voice Treatment Port (an IVR or GVP treatment serving the call, PROFILE-RULES.md rule 9).
 */
export interface CallParty {
  dn: string;
  kind: 'agent' | 'trunk' | 'port';
}

/** The kind of party a registered DN is: treatment ports serve calls, the other types are agents. */
export function partyKindOf(type: string | undefined): 'agent' | 'port' {
  return type === 'VoiceTreatmentPort' ? 'port' : 'agent';
}

/** One leg of a call: the party at its end, its SIP dialog, and the media relay side it uses. */
export interface CallLeg {
  readonly name: LegName;
  readonly party: CallParty;
  dialog?: Dialog;
}

export type CallState = 'setup' | 'established' | 'released';

/**
 * One call through the SUT: its legs (any number: a call parked at a routing point has none yet, a
 * consultation transfer has three, an IVR hand-off replaces one), the media anchor and its times.
 */
export class Call {
  private currentState: CallState = 'setup';
  private readonly legList: CallLeg[] = [];
  establishedAtMs?: number;
  releasedAtMs?: number;

  constructor(readonly connId: string, readonly relay: MediaRelay) {}

  get state(): CallState {
    return this.currentState;
  }

  get legs(): readonly CallLeg[] {
    return this.legList;
  }

  addLeg(name: LegName, party: CallParty): CallLeg {
    if (this.legList.some((l) => l.name === name)) throw new Error(`call ${this.connId} already has a ${name} leg`);
    const leg: CallLeg = { name, party };
    this.legList.push(leg);
    return leg;
  }

  /** Replaces the party of a leg (an IVR hands the call off): the leg keeps its name and relay side. */
  replaceLeg(name: LegName, party: CallParty): CallLeg {
    const index = this.legList.findIndex((l) => l.name === name);
    if (index < 0) throw new Error(`call ${this.connId} has no ${name} leg`);
    const leg: CallLeg = { name, party };
    this.legList[index] = leg;
    return leg;
  }

  leg(name: LegName): CallLeg {
    const leg = this.legList.find((l) => l.name === name);
    if (!leg) throw new Error(`call ${this.connId} has no ${name} leg`);
    return leg;
  }

  /** The leg whose party is this DN (a party of the call, PROFILE-RULES.md rule 9). */
  legOfDn(dn: string): CallLeg | undefined {
    return this.legList.find((l) => l.party.dn === dn);
  }

  /** Every leg but `name` (every leg when `name` is undefined). */
  otherLegs(name: LegName | undefined): CallLeg[] {
    return this.legList.filter((l) => l.name !== name);
  }

  /** The DNs of every party, each once. */
  dns(): string[] {
    return [...new Set(this.legList.map((l) => l.party.dn))];
  }

  agentLegs(): CallLeg[] {
    return this.legList.filter((l) => l.party.kind === 'agent');
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
}
