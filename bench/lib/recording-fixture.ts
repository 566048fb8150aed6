/**
 * The benchmark recording of the analyzer and silence-scan benches: 10 minutes of stereo, both
 * parties watermarked (mu-law), 5% injected loss (padded, so 20 ms silences), and a pause of a few
 * seconds every minute at an odd time, so the file has the long and short silences a real padded
 * recording has. Deterministic (seeded), so every run measures the same file.
 */
import { buildSyntheticRecording, SyntheticRecording } from '../../simulators/analysis/testing/synthetic-recording';
import { TimeWindow } from '../../simulators/analysis/recording-analysis';

export const FIXTURE_DURATION_MS = 600_000;

export interface RecordingFixture extends SyntheticRecording {
  pauses: TimeWindow[];
  durationMs: number;
  recordingStartMs: number;
}

export function buildRecordingFixture(durationMs = FIXTURE_DURATION_MS): RecordingFixture {
  const pauses: TimeWindow[] = [];
  for (let minute = 0; (minute + 1) * 60_000 < durationMs; minute++) {
    const startMs = 1000 + minute * 60_000 + 13_013.4 + 1_117 * minute;
    pauses.push({ startMs, endMs: startMs + 2_000 + 731.7 * (minute % 4), label: `pause ${minute + 1}` });
  }
  const recordingStartMs = 1000;
  const recording = buildSyntheticRecording({
    law: 'mulaw',
    durationMs,
    recordingStartMs,
    senderStartMs: recordingStartMs + 37 / 8 - 40,
    channelCount: 2,
    streams: [
      { streamId: 101, channel: 0, label: 'agent' },
      { streamId: 3102, channel: 1, label: 'caller' },
    ],
    pauses,
    lossRate: 0.05,
    seed: 2026,
  });
  return { ...recording, pauses, durationMs, recordingStartMs };
}
