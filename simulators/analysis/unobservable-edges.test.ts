import { test } from 'node:test';
import assert from 'node:assert/strict';
import { markUnobservableEdges } from './unobservable-edges';
import { PaddingVerdict, UnknownAudioVerdict, Verdict } from './recording-analysis';
import { DEFAULT_TOLERANCES } from './tolerances';

const context = { timeBase: { fileStartMs: 1000, source: 'given' as const, framesUsed: 100 }, sampleRate: 8000, tolerances: DEFAULT_TOLERANCES };
const padding = (startMs: number, severity: 'pass' | 'fail'): PaddingVerdict => ({
  type: 'padding', severity, channel: 0, pause: { startMs, endMs: 1500 }, expected: { start: 0, end: 4000 },
  spans: [{ channel: 0, start: 10, end: 4000 }], message: 'pause',
});
const unknown = (start: number, end: number): UnknownAudioVerdict => ({
  type: 'unknown-audio', severity: 'fail', channel: 0, spans: [{ channel: 0, start, end }], message: 'unknown',
});

test('a pause edge inside an unreadable span: its padding check and the span are inconclusive, never passed (rule 29)', () => {
  const verdicts: Verdict[] = [padding(1001, 'pass'), unknown(0, 10)];
  markUnobservableEdges(verdicts, context);
  assert.deepEqual(verdicts.map((v) => v.severity), ['inconclusive', 'inconclusive']);
  assert.match(verdicts[0].message, /the pause at sample 8 falls in samples 0\.\.10 of channel 1.*rule 29/);
});

test('unreadable audio away from every edge stays a failure, and the edge check keeps its verdict', () => {
  const verdicts: Verdict[] = [padding(1001, 'fail'), unknown(2000, 2040)];
  markUnobservableEdges(verdicts, context);
  assert.deepEqual(verdicts.map((v) => v.severity), ['fail', 'fail']);
});
