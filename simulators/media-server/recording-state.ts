import { Clock } from '../time/clock';

/** The states of one recording at the Media Server (issue: idle → recording ⇄ paused → stopped). */
export enum RecordingState {
  Idle = 'idle',
  Recording = 'recording',
  Paused = 'paused',
  Stopped = 'stopped',
}

export type RecordingCommandName = 'start' | 'pause' | 'resume' | 'stop';

/** One accepted transition, with the exact times the command arrived. */
export interface RecordingEvent {
  type: 'started' | 'paused' | 'resumed' | 'stopped';
  /** Wall-clock time, ISO 8601, for the metadata. */
  at: string;
  /** Monotonic ms (Clock.now()) at arrival, for sample-exact checks. */
  atMs: number;
}

export class RecordingStateError extends Error {
  constructor(readonly command: RecordingCommandName, readonly state: RecordingState) {
    super(`cannot ${command} a recording that is ${state}`);
    this.name = 'RecordingStateError';
  }
}

const MOVES: Record<RecordingCommandName, { from: RecordingState[]; to: RecordingState; event: RecordingEvent['type'] }> = {
  start: { from: [RecordingState.Idle], to: RecordingState.Recording, event: 'started' },
  pause: { from: [RecordingState.Recording], to: RecordingState.Paused, event: 'paused' },
  resume: { from: [RecordingState.Paused], to: RecordingState.Recording, event: 'resumed' },
  stop: { from: [RecordingState.Idle, RecordingState.Recording, RecordingState.Paused], to: RecordingState.Stopped, event: 'stopped' },
};

/** The guarded state machine and its event history; knows nothing of SIP or files. */
export class RecordingStateMachine {
  private current = RecordingState.Idle;
  private readonly history: RecordingEvent[] = [];
  private readonly listeners: ((event: RecordingEvent, from: RecordingState) => void)[] = [];

  constructor(private readonly clock: Clock) {}

  get state(): RecordingState {
    return this.current;
  }

  get events(): readonly RecordingEvent[] {
    return this.history;
  }

  /** True when `command` is allowed in the current state. */
  allows(command: RecordingCommandName): boolean {
    return MOVES[command].from.includes(this.current);
  }

  /** Applies `command` or throws RecordingStateError, changing nothing. */
  apply(command: RecordingCommandName): RecordingEvent {
    const move = MOVES[command];
    if (!move.from.includes(this.current)) throw new RecordingStateError(command, this.current);
    const from = this.current;
    const atMs = this.clock.now();
    const event: RecordingEvent = { type: move.event, at: new Date(this.clock.wallNow()).toISOString(), atMs };
    this.current = move.to;
    this.history.push(event);
    for (const listener of this.listeners) listener(event, from);
    return event;
  }

  onTransition(listener: (event: RecordingEvent, from: RecordingState) => void): void {
    this.listeners.push(listener);
  }
}
