/**
 * `npm run bench -- silence-scan [--rounds N]`: the silence-window pass alone on the 10-minute stereo
 * benchmark recording, against ffmpeg silencedetect (-70 dB, 5 ms, per channel) on the same file, in
 * the same run, rounds interleaved, medians compared. Ours is timed from the file on disk (read, WAV
 * parse, scan of both channels in the interleaved data), as ffmpeg's is; the scan of in-memory
 * channels alone is in details. Every window of 5 ms or more must agree with
 * ffmpeg's within 1 ms, or the bench fails.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BenchMeasurement } from './lib/bench-result';
import { buildRecordingFixture } from './lib/recording-fixture';
import { ffmpegVersion, FFMPEG, parseSilencedetect, runSilencedetect, SecondsWindow, silencedetectArgs } from './lib/ffmpeg-silencedetect';
import { readWavInterleaved, writeWav } from '../simulators/media/wav';
import { scanSilence, silencedetectOptions, SilenceWindow } from '../simulators/analysis/silence-scan';

/** ffmpeg prints times with 6 significant digits: 1 ms is the agreement the issue asks for. */
const AGREEMENT_MS = 1;
const MIN_WINDOW_SEC = 0.005;
const SAMPLE_RATE = 8000;

export default async function silenceScanBench(args: string[]): Promise<BenchMeasurement> {
  const rounds = Number(args[args.indexOf('--rounds') + 1] ?? 0) || 7;
  const fixture = buildRecordingFixture();
  const seconds = fixture.durationMs / 1000;
  const dir = mkdtempSync(join(tmpdir(), 'silence-scan-'));
  const file = join(dir, 'recording.wav');
  writeFileSync(file, writeWav({ sampleRate: SAMPLE_RATE, channels: fixture.channels }));
  try {
    const options = silencedetectOptions(-70, MIN_WINDOW_SEC, SAMPLE_RATE);
    const ours = (): { ms: number; windows: SilenceWindow[][] } => {
      const started = performance.now();
      const audio = readWavInterleaved(readFileSync(file), file);
      const windows = Array.from({ length: audio.channelCount }, (_, offset) =>
        scanSilence(audio.interleaved, options, { stride: audio.channelCount, offset }),
      );
      return { ms: performance.now() - started, windows };
    };
    const scanOnly = (channels: Int16Array[]): number => {
      const started = performance.now();
      for (const channel of channels) scanSilence(channel, options);
      return performance.now() - started;
    };
    ours(); // warm-up: JIT, file cache
    const ourMs: number[] = [];
    const scanMs: number[] = [];
    const peerMs: number[] = [];
    let cpuMicros = 0;
    let lastOurs = ours();
    let lastPeer = '';
    for (let round = 0; round < rounds; round++) {
      const peer = runSilencedetect(file);
      peerMs.push(peer.ms);
      lastPeer = peer.stderr;
      const cpu = process.cpuUsage();
      lastOurs = ours();
      const used = process.cpuUsage(cpu);
      cpuMicros += used.user + used.system;
      ourMs.push(lastOurs.ms);
      scanMs.push(scanOnly(fixture.channels));
    }
    const agreement = compareWindows(lastOurs.windows, parseSilencedetect(lastPeer));
    if (!agreement.agrees) {
      throw new Error(`silence windows disagree with ffmpeg: ${agreement.problems.slice(0, 10).join('; ')}`);
    }
    const median = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1];
    const ourRealtime = seconds / (median(ourMs) / 1000);
    const peerRealtime = seconds / (median(peerMs) / 1000);
    return {
      name: 'silence-scan',
      unit: 'x realtime',
      value: round1(ourRealtime),
      higherIsBetter: true,
      goal: round1(5 * peerRealtime),
      peer: {
        name: 'ffmpeg silencedetect',
        version: ffmpegVersion(),
        value: round1(peerRealtime),
        command: [FFMPEG, ...silencedetectArgs(file)].join(' '),
      },
      cpuPercent: Math.round((cpuMicros / 1000 / ourMs.reduce((a, b) => a + b, 0)) * 100),
      rssMb: Math.round(process.memoryUsage().rss / 2 ** 20),
      details: {
        recording: { seconds, channels: fixture.channels.length, sampleRate: SAMPLE_RATE, pauses: fixture.pauses.length, lossRate: 0.05 },
        rounds,
        oursMs: ourMs.map(round1),
        oursScanOnlyMs: scanMs.map(round1),
        oursScanOnlyRealtime: round1(seconds / (median(scanMs) / 1000)),
        peerMs: peerMs.map(round1),
        goalMeaning: 'value >= 5 x the peer measured in this run',
        definition: `silent = |sample| <= ${options.maxAmplitude} (ffmpeg: < trunc(10^(-70/20) * 32767)), window >= ${options.minSamples} samples`,
        agreement: { ...agreement, problems: agreement.problems.slice(0, 10) },
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Agreement {
  agrees: boolean;
  windowsPerChannel: { ours: number; ffmpeg: number }[];
  maxStartDiffMs: number;
  maxEndDiffMs: number;
  toleranceMs: number;
  problems: string[];
}

/** Every window of ours matches one of ffmpeg's (same channel) within 1 ms at both ends, and back. */
function compareWindows(ours: SilenceWindow[][], peer: Map<number, SecondsWindow[]>): Agreement {
  const problems: string[] = [];
  let maxStartDiffMs = 0;
  let maxEndDiffMs = 0;
  const windowsPerChannel = ours.map((windows, channel) => {
    const theirs = (peer.get(channel) ?? []).filter((w) => w.endSec - w.startSec >= MIN_WINDOW_SEC - 1e-9);
    const mine = windows.map((w) => ({ startSec: w.start / SAMPLE_RATE, endSec: (w.start + w.length) / SAMPLE_RATE }));
    if (mine.length !== theirs.length) problems.push(`channel ${channel}: ${mine.length} windows, ffmpeg ${theirs.length}`);
    let j = 0;
    for (const window of mine) {
      while (j < theirs.length && theirs[j].endSec * 1000 < window.startSec * 1000 - AGREEMENT_MS) {
        problems.push(`channel ${channel}: ffmpeg window ${theirs[j].startSec}..${theirs[j].endSec} s has no match`);
        j++;
      }
      const match = theirs[j];
      const startDiff = match ? Math.abs(match.startSec - window.startSec) * 1000 : Infinity;
      const endDiff = match ? Math.abs(match.endSec - window.endSec) * 1000 : Infinity;
      if (startDiff > AGREEMENT_MS || endDiff > AGREEMENT_MS) {
        problems.push(`channel ${channel}: window ${window.startSec}..${window.endSec} s vs ffmpeg ${match ? `${match.startSec}..${match.endSec}` : 'none'}`);
        continue;
      }
      maxStartDiffMs = Math.max(maxStartDiffMs, startDiff);
      maxEndDiffMs = Math.max(maxEndDiffMs, endDiff);
      j++;
    }
    return { ours: mine.length, ffmpeg: theirs.length };
  });
  return {
    agrees: problems.length === 0,
    windowsPerChannel,
    maxStartDiffMs: round3(maxStartDiffMs),
    maxEndDiffMs: round3(maxEndDiffMs),
    toleranceMs: AGREEMENT_MS,
    problems,
  };
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
