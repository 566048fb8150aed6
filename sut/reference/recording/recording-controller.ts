import { Call, CallLeg } from '../call/call';
import { CallEventListener } from '../call/call-events';
import { SutDeviations } from '../deviations';
import { Directory } from '../directory';
import { InvalidStateError } from '../errors';
import { AttachedDataListener } from './attached-data';
import { CallRecording, CallRecordingContext, CallRecordingDeviations, CallRecordingListener } from './call-recording';
import { AgentsOnDns, fullTimeDecision } from './policies/full-time';
import { RecordingDecision } from './recording-decision';

/** What the controller needs of a live recording (CallRecording; a fake in unit tests). */
export type LiveRecording = Pick<CallRecording, 'decision' | 'accepted' | 'pause' | 'resume' | 'forcePause' | 'stop' | 'failure'>;

export type RecordingFactory = (call: Call, decision: RecordingDecision, session: string, deviations: CallRecordingDeviations, listener: CallRecordingListener) => LiveRecording;

/**
 * Decides when calls are recorded and keeps each call's one live recording (rule 14). It enforces
 * the DYN-12 edges itself, so a request the state refuses never reaches the Media Server (rule 27).
 * A recording that stopped, failed or that the MS ended leaves the live map at once, so a later
 * GSIP_RECORD_START opens a new session.
 */
export class RecordingController implements CallEventListener {
  private readonly live = new Map<string, LiveRecording>();
  /** Every recording this SUT started, live or not, for inspection by tests. */
  readonly history: LiveRecording[] = [];
  private readonly attachedDataListeners: AttachedDataListener[] = [];
  private readonly failureListeners: ((call: Call, error: Error) => void)[] = [];
  private sessionCounter = 0;

  constructor(
    context: CallRecordingContext,
    private readonly directory: Directory,
    private readonly agents: AgentsOnDns,
    private readonly deviations: SutDeviations,
    private readonly newRecording: RecordingFactory = (call, decision, session, deviations, listener) =>
      new CallRecording(call, decision, session, context, deviations, listener),
  ) {}

  onAttachedData(listener: AttachedDataListener): void {
    this.attachedDataListeners.push(listener);
  }

  /** Told when the Media Server fails a recording of a call (ms-failure.ts decides what follows). */
  onRecordingFailed(listener: (call: Call, error: Error) => void): void {
    this.failureListeners.push(listener);
  }

  established(call: Call): void {
    const decision = fullTimeDecision(call, this.directory, this.agents, this.deviations.fullTime);
    if (decision) this.start(call, decision);
  }

  /** Rule 16: a transfer ends the call's recording the moment the transferring leg is released. */
  legReleased(call: Call): void {
    const recording = this.live.get(call.connId);
    if (recording && this.deviations.fullTime.handOffKeepsTrunkRecording && this.directory.dn(recording.decision.dn)?.type === 'TrunkGroup') return;
    this.released(call);
  }

  /** The new party of a transferred leg is recorded only if its own DN or login says so (FT-03). */
  partyChanged(call: Call, leg: CallLeg): void {
    if (this.live.has(call.connId)) return;
    const decision = fullTimeDecision(call, this.directory, this.agents, this.deviations.fullTime);
    if (decision) this.start(call, decision);
    else if (this.deviations.transfer.recordsNewParty) {
      this.start(call, { partyLeg: leg.name, dn: leg.party.dn, side: 'destination', partitions: [], method: 'full-time', reason: `deviation: ${leg.party.dn} recorded unflagged` });
    }
  }

  released(call: Call): void {
    const recording = this.live.get(call.connId);
    if (!recording) return;
    this.live.delete(call.connId);
    void recording.stop();
  }

  recordingOf(connId: string): LiveRecording | undefined {
    return this.live.get(connId);
  }

  /** GSIP_RECORD_START: InvalidState on a call not established or with a live recording. */
  startDynamic(call: Call, decision: RecordingDecision): void {
    if (call.state !== 'established') throw new InvalidStateError(`call ${call.connId} is not established (${call.state})`);
    if (this.live.has(call.connId)) throw new InvalidStateError(`call ${call.connId} already has a live recording (${this.live.get(call.connId)!.accepted})`);
    if (this.deviations.dynamic.ignores.has('start')) return;
    this.start(call, decision);
  }

  pause(call: Call): void {
    const recording = this.liveRecording(call, 'pause');
    if (recording.accepted !== 'recording') {
      if (this.deviations.dynamic.refusedPauseReachesMs) recording.forcePause();
      throw new InvalidStateError(`the recording of call ${call.connId} is ${recording.accepted}: only a recording one can be paused`);
    }
    if (!this.deviations.dynamic.ignores.has('pause')) recording.pause();
  }

  resume(call: Call): void {
    const recording = this.liveRecording(call, 'resume');
    if (recording.accepted !== 'paused') throw new InvalidStateError(`the recording of call ${call.connId} is ${recording.accepted}: only a paused one can be resumed`);
    if (!this.deviations.dynamic.ignores.has('resume')) recording.resume();
  }

  stop(call: Call): void {
    const recording = this.liveRecording(call, 'stop');
    if (this.deviations.dynamic.ignores.has('stop')) return;
    this.live.delete(call.connId);
    void recording.stop();
  }

  private liveRecording(call: Call, command: string): LiveRecording {
    const recording = this.live.get(call.connId);
    if (!recording) throw new InvalidStateError(`call ${call.connId} has no live recording to ${command}`);
    if (recording.decision.method === 'full-time' && this.deviations.dynamic.fullTimeNotControllable) {
      throw new InvalidStateError(`call ${call.connId} has no dynamic recording to ${command}`);
    }
    return recording;
  }

  private start(call: Call, decision: RecordingDecision): void {
    const dynamic = this.deviations.dynamic;
    const listener: CallRecordingListener = {
      attachedData: (_, userData) => {
        for (const l of this.attachedDataListeners) l.changed(call, userData);
      },
      ended: (ended) => {
        if (ended.failure && this.deviations.ms.keepsFailedRecording) return;
        if (this.live.get(call.connId) === ended) this.live.delete(call.connId);
      },
      failed: (_, error) => {
        for (const l of this.failureListeners) l(call, error);
      },
    };
    const recording = this.newRecording(call, decision, `${call.connId}-${++this.sessionCounter}`, {
      stopDelayMs: this.deviations.fullTime.stopDelayMs,
      pauseDelayMs: dynamic.pauseDelayMs + (decision.method === 'full-time' ? dynamic.fullTimePauseDelayMs : 0),
      dropsQueuedPause: dynamic.dropsQueuedPause,
      onBeforeAnswer: this.deviations.cti.onBeforeAnswer,
      omitsConnId: this.deviations.ms.omitsConnId,
      silentOnMsBye: this.deviations.ms.silentOnMsBye,
      giveUpLateMs: this.deviations.ms.giveUpLateMs,
    }, listener);
    if (recording.accepted !== 'ended') this.live.set(call.connId, recording);
    this.history.push(recording);
  }
}
