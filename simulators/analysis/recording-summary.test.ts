import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeRecording } from './analyze-recording';
import { buildSyntheticRecording } from './testing/synthetic-recording';
import { RecordingCheckError, assertRecordingPassed, summarizeRecording } from './recording-summary';

const options = {
  law: 'mulaw' as const,
  durationMs: 4000,
  recordingStartMs: 0,
  senderStartMs: 3.3,
  channelCount: 2,
  streams: [
    { streamId: 1, channel: 0 },
    { streamId: 2, channel: 1 },
  ],
  pauses: [{ startMs: 1000, endMs: 2500 }],
};

test('recording summary: a clean recording passes with one line of figures', () => {
  const rec = buildSyntheticRecording(options);
  const analysis = analyzeRecording({ channels: rec.channels, streams: rec.streams, expectedPauses: options.pauses, recording: { startMs: 0 } });
  const summary = assertRecordingPassed(analysis);
  assert.equal(summary.passed, true);
  assert.match(summary.text, /2 channel\(s\), 4\.000 s, file starts at 0\.0 ms \(given, frames imply \+0\.\d ms, \d+ frames\); 2 padding check\(s\) passed, 0 failure\(s\)/);
});

test('recording summary: failures are listed by type and message; ignored types are not judged', () => {
  const rec = buildSyntheticRecording({ ...options, leaks: [[1, 80]] });
  const analysis = analyzeRecording({ channels: rec.channels, streams: rec.streams, expectedPauses: options.pauses });
  assert.throws(
    () => assertRecordingPassed(analysis),
    (e: unknown) => e instanceof RecordingCheckError && /✗ leak: stream 1 sent during the pause 1000\.\.2500 ms is in the file: frame 80 at samples/.test(e.message),
  );
  assert.equal(summarizeRecording(analysis, { ignore: ['leak'] }).passed, true);
});
