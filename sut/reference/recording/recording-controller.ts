import { Call, CallLeg } from '../call/call';
import { CallEventListener } from '../call/call-events';
import { SutDeviations } from '../deviations';
import { Directory } from '../directory';
import { InvalidStateError } from '../errors';
import { AttachedDataListener, GsipRecord } from './attached-data';
import { CallRecording, CallRecordingContext, CallRecordingDeviations, CallRecordingListener } from './call-recording';
import { AgentsOnDns, fullTimeDecision } from './policies/full-time';
import { RecordingDecision } from './recording-decision';

/** What the controller needs of a live recording (CallRecording; a fake in unit tests). */
export type LiveRecording = Pick<CallRecording, 'decision' | 'accepted' | 'pause' | 'resume' | 'forcePause' | 'stop' | 'inject' | 'failure'>;

/** Who follows a recording's voice state (the screen mirror): every GSIP_RECORD change, with its recording. */
export interface VoiceChangeListener {
  voiceChanged(recording: CallRecording, value: GsipRecord): void;
}

/** At a call's answer: its selective recording, 'suppressed' (disable_destination), or undefined (none set). */
export interface SelectivePolicy {
  decisionAt(call: Call): RecordingDecision | 'suppressed' | undefined;
  /** When a transfer gave the call a new party (SEL-04). */
  decisionAfterTransfer(call: Call): RecordingDecision | 'suppressed' | undefined;
}

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
  private readonly voiceListeners: VoiceChangeListener[] = [];
  private readonly failureListeners: ((call: Call, error: Error) => void)[] = [];
  private sessionCounter = 0;
  /** Calls whose trunk group recording (FT-06) runs until an agent has the call. */
  private readonly untilAgent = new Set<string>();
  private selective?: SelectivePolicy;

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

  onVoiceChange(listener: VoiceChangeListener): void {
    this.voiceListeners.push(listener);
  }

  /** Selective recording decides first when the call was routed with `record` (rule 14). */
  useSelective(selective: SelectivePolicy): void {
    this.selective = selective;
  }

  /** Told when the Media Server fails a recording of a call (ms-failure.ts decides what follows). */
  onRecordingFailed(listener: (call: Call, error: Error) => void): void {
    this.failureListeners.push(listener);
  }

  established(call: Call): void {
    const selective = this.selective?.decisionAt(call);
    if (selective === 'suppressed') return;
    const decision = selective ?? fullTimeDecision(call, this.directory, this.agents, this.deviations.fullTime);
    if (decision) this.start(call, decision);
  }

  /**
   * Rule 16: a transfer ends the call's recording the moment the transferring leg is released. A
   * trunk group's recording (FT-06) ends at the hand-off to an agent: an IVR's hand-off to a routing
   * point leaves it running while the call waits there.
   */
  legReleased(call: Call, _leg?: CallLeg, via?: 'routing-point'): void {
    const recording = this.live.get(call.connId);
    if (recording && this.directory.dn(recording.decision.dn)?.type === 'TrunkGroup') {
      if (this.deviations.fullTime.handOffKeepsTrunkRecording) return;
      if (via === 'routing-point') {
        this.untilAgent.add(call.connId);
        return;
      }
    }
    this.released(call);
  }

  /** Rule 16: record=disable_destination stops the call's live recording at once (a trunk group's, FT-06). */
  disableDestination(call: Call): void {
    if (this.deviations.selective.ignoresDisable) return;
    // the mutant's recording runs on past the agent's answer, into the routed leg
    if (this.deviations.selective.disableKeepsLiveRecording) return void this.untilAgent.delete(call.connId);
    this.released(call);
  }

  /** The new party of a transferred leg is recorded only if its own DN or login says so (FT-03). */
  partyChanged(call: Call, leg: CallLeg): void {
    // the hand-off to an agent ends a trunk group's recording that waited at a routing point (FT-06)
    if (this.untilAgent.has(call.connId)) this.released(call);
    if (this.live.has(call.connId)) return;
    // a routing point the transfer went through may have set record again (SEL-04)
    const selective = this.selective?.decisionAfterTransfer(call);
    if (selective === 'suppressed') return;
    const decision = selective ?? fullTimeDecision(call, this.directory, this.agents, this.deviations.fullTime);
    if (decision) this.start(call, decision);
    else if (this.deviations.transfer.recordsNewParty) {
      this.start(call, { partyLeg: leg.name, dn: leg.party.dn, side: 'destination', partitions: [], method: 'full-time', reason: `deviation: ${leg.party.dn} recorded unflagged` });
    }
  }

  released(call: Call): void {
    this.untilAgent.delete(call.connId);
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
    const { method } = recording.decision;
    if ((method === 'full-time' && this.deviations.dynamic.fullTimeNotControllable) || (method === 'selective' && this.deviations.dynamic.selectiveNotControllable)) {
      throw new InvalidStateError(`call ${call.connId} has no dynamic recording to ${command}`);
    }
    return recording;
  }

  private start(call: Call, decision: RecordingDecision): void {
    const dynamic = this.deviations.dynamic;
    const listener: CallRecordingListener = {
      attachedData: (changed, userData) => {
        for (const l of this.attachedDataListeners) l.changed(call, userData);
        for (const l of this.voiceListeners) l.voiceChanged(changed, userData.GSIP_RECORD);
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
    // ROB-03's mutant: the second call live at once also feeds the first one's recording.
    const first = this.live.values().next().value;
    if (this.deviations.load.forksIntoOtherSession && first && this.live.size === 1) call.relay.onPacket((from, packet) => first.inject(from, packet));
    if (recording.accepted !== 'ended') this.live.set(call.connId, recording);
    this.history.push(recording);
  }
}
