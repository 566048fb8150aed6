import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../time/manual-clock';
import { RecordingState, RecordingStateError, RecordingStateMachine } from './recording-state';

test('start, pause, resume, stop: each transition recorded with its arrival time', () => {
  const clock = new ManualClock();
  const machine = new RecordingStateMachine(clock);
  machine.apply('start');
  clock.advance(1000);
  machine.apply('pause');
  clock.advance(500);
  machine.apply('resume');
  clock.advance(250);
  machine.apply('stop');
  assert.equal(machine.state, RecordingState.Stopped);
  assert.deepEqual(machine.events.map((e) => [e.type, e.atMs]), [['started', 0], ['paused', 1000], ['resumed', 1500], ['stopped', 1750]]);
  assert.equal(machine.events[1].at, new Date(Date.UTC(2026, 0, 1) + 1000).toISOString());
});

test('state edges are refused and change nothing', () => {
  const machine = new RecordingStateMachine(new ManualClock());
  assert.throws(() => machine.apply('pause'), (e: unknown) => e instanceof RecordingStateError && e.message === 'cannot pause a recording that is idle');
  machine.apply('start');
  assert.throws(() => machine.apply('resume'), /cannot resume a recording that is recording/);
  assert.throws(() => machine.apply('start'), /cannot start a recording that is recording/);
  machine.apply('pause');
  assert.throws(() => machine.apply('pause'), /cannot pause a recording that is paused/);
  assert.equal(machine.state, RecordingState.Paused);
  assert.deepEqual(machine.events.map((e) => e.type), ['started', 'paused']);
  machine.apply('stop');
  for (const command of ['start', 'pause', 'resume', 'stop'] as const) assert.equal(machine.allows(command), false);
});

test('a session stopped before it started goes idle → stopped', () => {
  const machine = new RecordingStateMachine(new ManualClock());
  const seen: string[] = [];
  machine.onTransition((event, from) => seen.push(`${from}->${event.type}`));
  machine.apply('stop');
  assert.deepEqual(seen, ['idle->stopped']);
});
