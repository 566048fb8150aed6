/**
 * Faults a scenario can set on the fake Media Server at any time (the next message sees them):
 * the SUT must survive each without breaking the call (MS-04).
 */
export type InviteAnswerFault =
  | { kind: 'normal' }
  /** Never answers the INVITE (the stack still sends 100 Trying). */
  | { kind: 'silent' }
  | { kind: 'reject'; status: number }
  | { kind: 'delay'; ms: number };

export interface MediaServerFaults {
  inviteAnswer: InviteAnswerFault;
  /** Ends each new session with a BYE this long after answering it. */
  byeAfterMs?: number;
  /** Drops every RTP packet that arrives. */
  dropRtp: boolean;
  /** Handles every RTP packet this much later than it arrived. */
  rtpDelayMs: number;
  /** Answers every INFO with this status instead of handling it. */
  refuseInfoStatus?: number;
  /**
   * A slow disk: each recording's WAV write stops this long after its first chunk (the temporary
   * file exists, partly written). Lets a test kill the process while it writes files.
   */
  writeStallMs?: number;
}

export function noFaults(): MediaServerFaults {
  return { inviteAnswer: { kind: 'normal' }, dropRtp: false, rtpDelayMs: 0 };
}
