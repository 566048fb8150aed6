import { LegName } from '../media/media-relay';

/** What to record: whose leg is the party side (label 1, `;dn=`), what Record-Side says, and why. */
export interface RecordingDecision {
  partyLeg: LegName;
  dn: string;
  side: 'source' | 'destination';
  agentId?: string;
  /** Rule 4: already normalised (trimmed, no empty items, in order). */
  partitions: readonly string[];
  /** Selective recording's extension id (X-Genesys-Record-Id); absent: the Media Server makes one. */
  recordId?: string;
  /** Selective recording's extension dest (X-Genesys-Dest). */
  dest?: string;
  /** Which method started it: every method's recordings are controlled alike (DYN-10). */
  method: 'full-time' | 'selective' | 'dynamic';
  /** For logs and errors: "full-time: Extension 7001 has record=true". */
  reason: string;
}
