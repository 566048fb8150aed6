/**
 * The pass/fail view steps assert on: which verdicts fail, and a readable account of them that
 * points at sample offsets and ms, so a failed scenario says what is wrong with the file.
 */
import { RecordingAnalysis, Verdict, VerdictType } from './recording-analysis';

export interface RecordingCheckOptions {
  /** Verdict types a scenario deliberately does not judge (e.g. 'duration' for an external recorder). */
  ignore?: readonly VerdictType[];
  /** At most this many failures are listed in the text (default 20). */
  maxListed?: number;
}

export interface RecordingSummary {
  passed: boolean;
  failures: Verdict[];
  text: string;
}

export class RecordingCheckError extends Error {
  constructor(readonly summary: RecordingSummary) {
    super(summary.text);
    this.name = 'RecordingCheckError';
  }
}

export function summarizeRecording(analysis: RecordingAnalysis, options: RecordingCheckOptions = {}): RecordingSummary {
  const ignored = new Set(options.ignore ?? []);
  const failures = analysis.verdicts.filter((v) => v.severity === 'fail' && !ignored.has(v.type));
  const seconds = (analysis.lengthSamples / analysis.sampleRate).toFixed(3);
  const { timeBase } = analysis;
  const base =
    timeBase.fileStartMs === undefined
      ? 'no time base'
      : `file starts at ${timeBase.fileStartMs.toFixed(1)} ms (${timeBase.source}` +
        (timeBase.shiftMs !== undefined ? `, frames imply ${signed(timeBase.shiftMs)} ms` : '') +
        `, ${timeBase.framesUsed} frames)`;
  const passedPadding = analysis.verdicts.filter((v) => v.type === 'padding' && v.severity === 'pass').length;
  const lines = [
    `recording: ${analysis.channels.length} channel(s), ${seconds} s, ${base}; ` +
      `${passedPadding} padding check(s) passed, ${failures.length} failure(s)` +
      (ignored.size ? ` (not judged: ${[...ignored].join(', ')})` : ''),
  ];
  const maxListed = options.maxListed ?? 20;
  for (const failure of failures.slice(0, maxListed)) lines.push(`  ✗ ${failure.type}: ${failure.message}`);
  if (failures.length > maxListed) lines.push(`  … and ${failures.length - maxListed} more`);
  return { passed: failures.length === 0, failures, text: lines.join('\n') };
}

/** Throws RecordingCheckError (message = the summary text) unless every judged verdict passed. */
export function assertRecordingPassed(analysis: RecordingAnalysis, options: RecordingCheckOptions = {}): RecordingSummary {
  const summary = summarizeRecording(analysis, options);
  if (!summary.passed) throw new RecordingCheckError(summary);
  return summary;
}

function signed(ms: number): string {
  return `${ms >= 0 ? '+' : ''}${ms.toFixed(1)}`;
}
