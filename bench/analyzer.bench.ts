/**
 * `npm run bench -- analyzer [--rounds N]`: the full analysis (watermark decode, segmentation,
 * verdicts) of the 10-minute stereo benchmark recording with pauses and 5% loss, as a multiple of
 * real time (median of N rounds), as the steps analyze a long recording: its two channels scanned
 * side by side when the machine has two cores (timeline-pool.ts; `threads` in the JSON). The result must also be right: every verdict passes and
 * every silence matches the recorder's to the sample, or the bench fails. The peer, measured in the
 * same run: `sox <file> -n stats` on the same WAV; the goal is a ratio of at least 0.1 to it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BenchMeasurement } from './lib/bench-result';
import { writeWav } from '../simulators/media';
import { buildRecordingFixture } from './lib/recording-fixture';
import { analyzeRecordingInParallel } from '../simulators/analysis/analyze-recording';
import { scanThreads } from '../simulators/analysis/timeline-pool';
import { buildChannelTimeline } from '../simulators/analysis/channel-timeline';
import { DEFAULT_SCAN_OPTIONS } from '../simulators/analysis/scan-options';
import { SendLogIndex } from '../simulators/analysis/send-log-index';
import { AnalyzeRecordingInput, RecordingAnalysis } from '../simulators/analysis/recording-analysis';

/** The analyzer ≥ 0.1× `sox <file> -n stats` on the same WAV, measured in the same run (× real time each). */
const GOAL_RATIO = 0.1;

export default async function analyzerBench(args: string[]): Promise<BenchMeasurement> {
  const rounds = Number(args[args.indexOf('--rounds') + 1] ?? 0) || 5;
  const fixture = buildRecordingFixture();
  const seconds = fixture.durationMs / 1000;
  const input: AnalyzeRecordingInput = {
    channels: fixture.channels,
    streams: fixture.streams,
    expectedPauses: fixture.pauses,
    recording: { startMs: fixture.recordingStartMs, stopMs: fixture.recordingStartMs + fixture.durationMs },
  };
  verify(await analyzeRecordingInParallel(input), fixture.silences); // also the warm-up (and the workers' start)
  const sendLog = new SendLogIndex(fixture.streams);
  const totalMs: number[] = [];
  const timelineMs: number[] = [];
  let cpuMicros = 0;
  let peakRss = 0;
  for (let round = 0; round < rounds; round++) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    await analyzeRecordingInParallel(input);
    totalMs.push(performance.now() - started);
    const used = process.cpuUsage(cpu);
    cpuMicros += used.user + used.system;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const timelineStarted = performance.now();
    fixture.channels.forEach((samples, channel) => buildChannelTimeline(channel, samples, DEFAULT_SCAN_OPTIONS, sendLog));
    timelineMs.push(performance.now() - timelineStarted);
  }
  const analysis = await analyzeRecordingInParallel(input);
  const sox = soxStatsRealtime(fixture.channels, seconds, rounds);
  const frames = analysis.channels.reduce((n, c) => n + c.frames.length, 0);
  return {
    name: 'analyzer',
    unit: 'x realtime',
    value: Math.round(seconds / (median(totalMs) / 1000)),
    higherIsBetter: true,
    ...(sox ? { peer: { name: 'sox stats', version: sox.version, value: sox.realtime, command: 'sox <the same WAV> -n stats' }, goalRatio: GOAL_RATIO } : {}),
    cpuPercent: Math.round((cpuMicros / 1000 / totalMs.reduce((a, b) => a + b, 0)) * 100),
    rssMb: Math.round(peakRss / 2 ** 20),
    details: {
      recording: {
        seconds,
        channels: fixture.channels.length,
        law: 'mulaw',
        pauses: fixture.pauses.length,
        lossRate: 0.05,
        framesFound: frames,
      },
      threads: scanThreads(fixture.channels.length, fixture.channels[0].length),
      rounds,
      totalMs: totalMs.map((ms) => Math.round(ms)),
      timelinesOnlyMs: timelineMs.map((ms) => Math.round(ms)),
      verdicts: analysis.verdicts.length,
      howFramesWereFound: countBy(analysis.channels.flatMap((c) => c.frames.map((f) => f.how))),
      soxMs: sox?.ms.map((ms) => Math.round(ms)),
    },
  };
}

/** A fast wrong answer is worth nothing: the bench fails unless the analysis is right. */
function verify(analysis: RecordingAnalysis, silences: [number, number][][]): void {
  const failures = analysis.verdicts.filter((v) => v.severity === 'fail');
  if (failures.length > 0) throw new Error(`analysis of the bench recording failed: ${failures[0].message}`);
  analysis.channels.forEach((channel, c) => {
    const found = channel.segments.filter((s) => s.kind === 'silence').map((s) => `${s.start}..${s.start + s.length}`);
    const truth = silences[c].map(([start, end]) => `${start}..${end}`);
    if (found.join() !== truth.join()) {
      throw new Error(`channel ${c}: ${found.length} silences found, the recorder wrote ${truth.length}; first difference at ${found.find((f, i) => f !== truth[i])}`);
    }
  });
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1];

/**
 * The peer: `sox <wav> -n stats` (levels, DC, RMS, peaks per channel: a whole read of the file with
 * a little arithmetic per sample) on the same recording, written as the WAV a recorder leaves, timed
 * over the same rounds (median) as a multiple of real time. Undefined when sox is not installed.
 */
function soxStatsRealtime(channels: readonly Int16Array[], seconds: number, rounds: number): { realtime: number; version: string; ms: number[] } | undefined {
  const probe = spawnSync('sox', ['--version'], { encoding: 'utf8' });
  if (probe.error) {
    console.error('analyzer bench: sox is not installed: no in-run peer; bash harness/setup.sh installs it');
    return undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), 'gir-analyzer-peer-'));
  try {
    const file = join(dir, 'recording.wav');
    writeFileSync(file, writeWav({ sampleRate: 8000, channels: [...channels] }));
    const ms: number[] = [];
    for (let round = 0; round <= rounds; round++) {
      const started = performance.now();
      const run = spawnSync('sox', [file, '-n', 'stats'], { encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`sox stats failed: ${run.stderr}`);
      if (round > 0) ms.push(performance.now() - started); // round 0 warms the page cache, as our warm-up does
    }
    return { realtime: Math.round(seconds / (median(ms) / 1000)), version: /v([\d.]+)/.exec(probe.stdout)?.[1] ?? 'unknown', ms };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
