/**
 * Measures the watermark and analyzer under noise, loss and jitter, and prints a Markdown table
 * (the figures in simulators/media/README.md come from here):
 *   npx tsx simulators/analysis/testing/measure-robustness.ts [runs per condition, default 10]
 * Each run: 30 s stereo, random start offset and first-arrival delay, a pause from 7.013 s to 10.5 s,
 * 5% loss, send-time jitter 0..4 ms. Noise is white, at the given RMS level, over the whole file
 * unless marked "at the phone" (added before G.711 encoding).
 */
import { analyzeRecording } from '../analyze-recording';
import { buildSyntheticRecording } from './synthetic-recording';
import { seededRandom } from '../../media/seeded-random';
import { G711Law } from '../../media/g711';

interface Condition {
  name: string;
  noiseDbfs?: number;
  noiseAt?: 'file' | 'phone';
}

const CONDITIONS: Condition[] = [
  { name: 'clean' },
  { name: 'noise -40 dBFS at the phone', noiseDbfs: -40, noiseAt: 'phone' },
  { name: 'noise -40 dBFS over the file', noiseDbfs: -40 },
  { name: 'noise -30 dBFS over the file', noiseDbfs: -30 },
  { name: 'noise -21 dBFS over the file (SNR 5 dB)', noiseDbfs: -21 },
  { name: 'noise -16 dBFS over the file (SNR 0 dB)', noiseDbfs: -16 },
];

const EDGE_SAMPLES = 4;

function measure(law: G711Law, condition: Condition, runs: number) {
  const random = seededRandom(law === 'mulaw' ? 11 : 12);
  const totals = { frames: 0, right: 0, wrong: 0, missed: 0, windows: 0, exact: 0, near: 0, worst: 0, unmatched: 0, ms: 0 };
  for (let run = 0; run < runs; run++) {
    const recordingStartMs = 1000;
    const pause = { startMs: recordingStartMs + 7013, endMs: recordingStartMs + 10500 };
    const rec = buildSyntheticRecording({
      law,
      durationMs: 30_000,
      recordingStartMs,
      senderStartMs: recordingStartMs - 20 + random() * 40,
      channelCount: 2,
      streams: [
        { streamId: 1 + Math.floor(random() * 4000), channel: 0 },
        { streamId: 4001 + Math.floor(random() * 95), channel: 1 },
      ],
      pauses: [pause],
      lossRate: 0.05,
      jitterMs: 10,
      sendJitterMs: 4,
      noiseDbfs: condition.noiseDbfs,
      noiseAt: condition.noiseAt,
      seed: Math.floor(random() * 2 ** 31),
    });
    const started = performance.now();
    const analysis = analyzeRecording({ channels: rec.channels, streams: rec.streams, expectedPauses: [pause], recording: { startMs: recordingStartMs } });
    totals.ms += performance.now() - started;
    for (const timeline of analysis.channels) {
      const found = new Map(timeline.frames.filter((f) => f.how !== 'partial').map((f) => [f.start, f]));
      const truth = rec.wholeFrames.filter((f) => f.channel === timeline.channel);
      const truthStarts = new Set(truth.map((f) => f.start));
      for (const frame of truth) {
        totals.frames++;
        const hit = found.get(frame.start);
        if (!hit) totals.missed++;
        else if (hit.streamId === frame.streamId && hit.index === frame.index) totals.right++;
        else totals.wrong++;
      }
      for (const start of found.keys()) if (!truthStarts.has(start)) totals.wrong++;
      const windows = mergedSilences(timeline.segments);
      for (const [from, to] of rec.silences[timeline.channel].filter(([a, b]) => b - a >= 6)) {
        totals.windows++;
        const match = windows.find(([a, b]) => a < to && b > from);
        if (!match) {
          totals.unmatched++;
          continue;
        }
        const error = Math.max(Math.abs(match[0] - from), Math.abs(match[1] - to));
        totals.worst = Math.max(totals.worst, error);
        if (error === 0) totals.exact++;
        else if (error <= EDGE_SAMPLES) totals.near++;
      }
    }
  }
  return totals;
}

function mergedSilences(segments: { kind: string; start: number; length: number }[]): [number, number][] {
  const windows: [number, number][] = [];
  for (const s of segments) {
    if (s.kind !== 'silence') continue;
    const last = windows[windows.length - 1];
    if (last && last[1] === s.start) last[1] += s.length;
    else windows.push([s.start, s.start + s.length]);
  }
  return windows;
}

const runs = Number(process.argv[2]) || 10;
console.log(`| law | condition | whole frames found right | wrong id/index | missed | silence windows exact | within ${EDGE_SAMPLES} samples | worst edge (samples) | not found | x real time |`);
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const law of ['mulaw', 'alaw'] as const) {
  for (const condition of CONDITIONS) {
    const t = measure(law, condition, runs);
    const pct = (n: number, of: number) => `${((100 * n) / Math.max(1, of)).toFixed(2)}%`;
    console.log(
      `| ${law} | ${condition.name} | ${pct(t.right, t.frames)} of ${t.frames} | ${t.wrong} | ${t.missed} | ${t.exact}/${t.windows} | ${t.exact + t.near}/${t.windows} | ${t.worst} | ${t.unmatched} | ${Math.round((runs * 30_000) / t.ms)} |`,
    );
  }
}
