/** The states of the live recording of a call, as the SUT sees its Media Server session. */
export enum RecordingState {
  Idle = 'idle',
  Starting = 'starting',
  Recording = 'recording',
  Paused = 'paused',
  Stopping = 'stopping',
  Stopped = 'stopped',
  Failed = 'failed',
}

/** What moves a recording: the SUT's own commands and what the Media Server answered. */
export type RecordingMove = 'start' | 'started' | 'pause' | 'resume' | 'stop' | 'stopped' | 'fail';

const EDGES: Record<RecordingMove, { from: readonly RecordingState[]; to: RecordingState }> = {
  start: { from: [RecordingState.Idle], to: RecordingState.Starting },
  started: { from: [RecordingState.Starting], to: RecordingState.Recording },
  pause: { from: [RecordingState.Recording], to: RecordingState.Paused },
  resume: { from: [RecordingState.Paused], to: RecordingState.Recording },
  stop: { from: [RecordingState.Recording, RecordingState.Paused], to: RecordingState.Stopping },
  stopped: { from: [RecordingState.Stopping], to: RecordingState.Stopped },
  fail: { from: [RecordingState.Starting, RecordingState.Recording, RecordingState.Paused, RecordingState.Stopping], to: RecordingState.Failed },
};

export interface RecordingTransition {
  move: RecordingMove;
  from: RecordingState;
  to: RecordingState;
  atMs: number;
  /** Why, for a failure: what the Media Server did. */
  detail?: string;
}

export class RecordingMoveError extends Error {
  constructor(readonly move: RecordingMove, readonly state: RecordingState) {
    super(`a recording that is ${state} cannot ${move}`);
    this.name = 'RecordingMoveError';
  }
}

/**
 * idle → starting → recording ⇄ paused → stopping → stopped, or failed from any live state: one
 * guarded transition function and the history of every move, as SIP.js's transactions do it.
 */
export class RecordingStateMachine {
  private current = RecordingState.Idle;
  private readonly moves: RecordingTransition[] = [];

  constructor(private readonly now: () => number) {}

  get state(): RecordingState {
    return this.current;
  }

  get history(): readonly RecordingTransition[] {
    return this.moves;
  }

  allows(move: RecordingMove): boolean {
    return EDGES[move].from.includes(this.current);
  }

  /** Makes the move or throws RecordingMoveError, changing nothing. */
  apply(move: RecordingMove, detail?: string): RecordingTransition {
    const edge = EDGES[move];
    if (!edge.from.includes(this.current)) throw new RecordingMoveError(move, this.current);
    const transition: RecordingTransition = { move, from: this.current, to: edge.to, atMs: this.now(), ...(detail ? { detail } : {}) };
    this.current = edge.to;
    this.moves.push(transition);
    return transition;
  }

  /** Recording or paused, or on its way there: what DYN-12 calls live. */
  get isLive(): boolean {
    return this.current === RecordingState.Starting || this.current === RecordingState.Recording || this.current === RecordingState.Paused;
  }
}
