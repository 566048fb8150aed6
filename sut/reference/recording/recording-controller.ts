import { Call } from '../call/call';
import { Directory } from '../directory';
import { SutMutants } from '../mutants';
import { CallRecording, CallRecordingContext } from './call-recording';
import { fullTimeDecision, RecordingDecision } from './full-time-policy';

const LATE_STOP_MUTANT_DELAY_MS = 1000;

/** Decides when calls are recorded and keeps each call's live recording. */
export class RecordingController {
  private readonly live = new Map<string, CallRecording>();
  /** Every recording this SUT started, live or not, for inspection by tests. */
  readonly history: CallRecording[] = [];
  private sessionCounter = 0;
  private readonly context: CallRecordingContext;

  constructor(context: Omit<CallRecordingContext, 'stopDelayMs'>, private readonly directory: Directory, private readonly mutants: SutMutants) {
    this.context = { ...context, stopDelayMs: mutants.is('sut-ft-late-stop') ? LATE_STOP_MUTANT_DELAY_MS : 0 };
  }

  onEstablished(call: Call): void {
    const decision = fullTimeDecision(call, this.directory, this.mutants);
    if (decision) this.start(call, decision);
  }

  onReleased(call: Call): void {
    const recording = this.live.get(call.connId);
    if (!recording) return;
    this.live.delete(call.connId);
    void recording.stop();
  }

  recordingOf(connId: string): CallRecording | undefined {
    return this.live.get(connId);
  }

  private start(call: Call, decision: RecordingDecision): void {
    const partyLeg = this.mutants.is('sut-ft-caller-as-party') ? call.otherLeg(decision.partyLeg) : decision.partyLeg;
    const recording = new CallRecording(call, { ...decision, partyLeg }, `${call.connId}-${++this.sessionCounter}`, this.context);
    // The mutant: the second call live at once also feeds the first one's recording.
    const first = this.live.values().next().value;
    if (this.mutants.is('sut-forks-into-other-session') && first && this.live.size === 1) call.relay.onPacket((from, packet) => first.inject(from, packet));
    this.live.set(call.connId, recording);
    this.history.push(recording);
  }
}
