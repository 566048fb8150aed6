/**
 * The messages between the ms-capacity bench and its feeder processes (child_process IPC with
 * 'advanced' serialization, so send logs travel as typed arrays). A feeder plays the SIP Server
 * side of many recordings: it opens them, streams both labels, pauses each once, stops them.
 */
import { HostPort } from '../../simulators/net/host-port';

import type { PlannedSession } from '../../simulators/recording-client/paced-recording';

export type { PlannedSession };

/** Bench → feeder. */
export type FeederCommand =
  /**
   * Sessions that run for `runMs` with a pause, are stopped, and are not measured: the first
   * sessions of a fresh process meet cold code on both sides (tens of ms per command), which a
   * Media Server in service never shows.
   */
  | { kind: 'warm-up'; recorder: HostPort; sessions: PlannedSession[]; intervalMs: number; runMs: number; timeoutMs: number }
    /** Opens the sessions one every `intervalMs`. */
  | { kind: 'open'; recorder: HostPort; sessions: PlannedSession[]; intervalMs: number; timeoutMs: number }
  /** Every feeder has opened its sessions: the hold starts now (pauses are timed from here). */
  | { kind: 'hold' }
  /** Stop every session, spread evenly over `spreadMs` (calls end at different times). */
  | { kind: 'stop'; spreadMs: number }
  /** Leave: the bench has taken its last CPU sample of this process. */
  | { kind: 'exit' };

/**
 * One label's send log, compact: watermark frame i was sent at sentAtMs[i], unless lost[i] is 1 (the
 * feeder skipped it: it could not send it on time, see stream-pacer.ts).
 */
export interface CompactSendLog {
  sentAtMs: Float64Array;
  lost: Uint8Array;
  /** sentAtMs − when the frame was due, for sent frames: how late the feeder's pacing ran (ms). */
  latenessMs: Float64Array;
}

export interface FedRecording {
  id: string;
  streamIds: [number, number];
  /** Wall-clock ms of the feeder clock's 0 (performance.timeOrigin): relates its times to the metadata's. */
  clockOriginWallMs: number;
  /** Feeder clock (performance.now() of the feeder), like every time below. */
  startedAtMs: number;
  stoppedAtMs: number;
  pauses: { startMs: number; endMs: number }[];
  logs: [CompactSendLog, CompactSendLog];
  /** Commands that failed (refused, timed out): a session with any cannot pass. */
  errors: string[];
}

/** Feeder → bench. */
export type FeederReport =
  | { kind: 'warmed'; failures: string[] }
  | { kind: 'opened'; sessions: number; openMs: number; failures: string[] }
  | { kind: 'stopped'; recordings: FedRecording[]; eventLoopDelayMs: { p50: number; p99: number; max: number } }
  | { kind: 'failed'; message: string };
