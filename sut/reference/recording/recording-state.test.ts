import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RecordingMove, RecordingMoveError, RecordingState, RecordingStateMachine } from './recording-state';

const S = RecordingState;
const MOVES: RecordingMove[] = ['start', 'started', 'pause', 'resume', 'stop', 'stopped', 'fail'];

/** Every allowed edge; every other (state, move) pair must be refused. */
const EDGES: [RecordingState, RecordingMove, RecordingState][] = [
  [S.Idle, 'start', S.Starting],
  [S.Starting, 'started', S.Recording],
  [S.Starting, 'fail', S.Failed],
  [S.Recording, 'pause', S.Paused],
  [S.Recording, 'stop', S.Stopping],
  [S.Recording, 'fail', S.Failed],
  [S.Paused, 'resume', S.Recording],
  [S.Paused, 'stop', S.Stopping],
  [S.Paused, 'fail', S.Failed],
  [S.Stopping, 'stopped', S.Stopped],
  [S.Stopping, 'fail', S.Failed],
];

/** The moves that bring a fresh machine to `state`. */
const PATH: Record<RecordingState, RecordingMove[]> = {
  [S.Idle]: [], [S.Starting]: ['start'], [S.Recording]: ['start', 'started'], [S.Paused]: ['start', 'started', 'pause'],
  [S.Stopping]: ['start', 'started', 'stop'], [S.Stopped]: ['start', 'started', 'stop', 'stopped'], [S.Failed]: ['start', 'fail'],
};

function machineIn(state: RecordingState): RecordingStateMachine {
  let now = 0;
  const machine = new RecordingStateMachine(() => ++now);
  for (const move of PATH[state]) machine.apply(move);
  assert.equal(machine.state, state);
  return machine;
}

test('every allowed edge moves to its state and is kept in the history with its time', () => {
  for (const [from, move, to] of EDGES) {
    const machine = machineIn(from);
    assert.equal(machine.allows(move), true, `${from} --${move}-->`);
    const transition = machine.apply(move, move === 'fail' ? 'the Media Server answered 500' : undefined);
    assert.deepEqual([transition.from, transition.move, transition.to], [from, move, to]);
    assert.equal(machine.state, to);
    assert.equal(machine.history.at(-1), transition);
    assert.equal(machine.history.length, PATH[from].length + 1);
  }
});

test('every other move is refused and changes nothing', () => {
  for (const state of Object.values(S)) {
    for (const move of MOVES) {
      if (EDGES.some(([from, m]) => from === state && m === move)) continue;
      const machine = machineIn(state);
      assert.equal(machine.allows(move), false, `${state} must refuse ${move}`);
      assert.throws(() => machine.apply(move), (error: unknown) => error instanceof RecordingMoveError && error.state === state && error.move === move);
      assert.equal(machine.state, state);
      assert.equal(machine.history.length, PATH[state].length);
    }
  }
});

test('live means starting, recording or paused (DYN-12)', () => {
  const live = Object.values(S).filter((state) => machineIn(state).isLive);
  assert.deepEqual(live, [S.Starting, S.Recording, S.Paused]);
});
