/**
 * The peer of the silence-scan bench: Debian's ffmpeg running silencedetect, and a parser for the
 * windows it logs ("channel: 0 | silence_start: 12.0134", "... silence_end: 14.2 | ...").
 */
import { spawnSync } from 'node:child_process';

export const FFMPEG = 'ffmpeg';

export function silencedetectArgs(file: string): string[] {
  return ['-nostats', '-i', file, '-af', 'silencedetect=n=-70dB:d=0.005:mono=1', '-f', 'null', '-'];
}

export function ffmpegVersion(): string {
  const result = spawnSync(FFMPEG, ['-version'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`ffmpeg -version failed (status ${result.status}): is Debian's ffmpeg installed?`);
  const match = /^ffmpeg version (\S+)/m.exec(result.stdout);
  if (!match) throw new Error(`cannot read the version from: ${result.stdout.split('\n')[0]}`);
  return match[1];
}

export interface SecondsWindow {
  startSec: number;
  endSec: number;
}

/** Runs silencedetect on `file`; returns its log (stderr) and elapsed wall time. */
export function runSilencedetect(file: string): { stderr: string; ms: number } {
  const started = performance.now();
  const result = spawnSync(FFMPEG, silencedetectArgs(file), { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`ffmpeg silencedetect failed (status ${result.status}): ${result.stderr.slice(-500)}`);
  return { stderr: result.stderr, ms };
}

/** Windows per channel from silencedetect's log (mono=1 labels each line with its channel). */
export function parseSilencedetect(stderr: string): Map<number, SecondsWindow[]> {
  const windows = new Map<number, SecondsWindow[]>();
  const open = new Map<number, number>();
  const line = /channel: (\d+) \| silence_(start|end): (-?[\d.e+-]+)/g;
  for (let match = line.exec(stderr); match; match = line.exec(stderr)) {
    const channel = Number(match[1]);
    const time = Number(match[3]);
    if (match[2] === 'start') {
      open.set(channel, time);
      continue;
    }
    const startSec = open.get(channel);
    if (startSec === undefined) throw new Error(`silence_end ${time} on channel ${channel} without a start`);
    open.delete(channel);
    if (!windows.has(channel)) windows.set(channel, []);
    windows.get(channel)?.push({ startSec, endSec: time });
  }
  if (open.size > 0) throw new Error(`silence_start without an end on channel(s) ${[...open.keys()].join(', ')}`);
  return windows;
}
