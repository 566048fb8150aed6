/**
 * The pass/fail view steps assert on: which verdicts fail, and a readable account of them that
 * points at sample offsets and ms, so a failed scenario says what is wrong with the file.
 */
import { InconclusiveError } from '../verdict/inconclusive-error';
import { RecordingAnalysis, Verdict, VerdictType } from './recording-analysis';

export interface RecordingCheckOptions {
  /** Verdict types a scenario deliberately does not judge (e.g. 'duration' for an external recorder). */
  ignore?: readonly VerdictType[];
  /** At most this many failures are listed in the text (default 20). */
  maxListed?: number;
}

export interface RecordingSummary {
  /** No verdict failed and none was inconclusive. */
  passed: boolean;
  failures: Verdict[];
  /** Verdicts the harness's own lateness left undecided (lateness-verdicts.ts). */
  inconclusive: Verdict[];
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
  const inconclusive = analysis.verdicts.filter((v) => v.severity === 'inconclusive' && !ignored.has(v.type));
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
      (inconclusive.length ? `, ${inconclusive.length} inconclusive` : '') +
      (ignored.size ? ` (not judged: ${[...ignored].join(', ')})` : ''),
  ];
  const maxListed = options.maxListed ?? 20;
  for (const failure of failures.slice(0, maxListed)) lines.push(`  ✗ ${failure.type}: ${failure.message}`);
  if (failures.length > maxListed) lines.push(`  … and ${failures.length - maxListed} more`);
  for (const verdict of inconclusive.slice(0, maxListed)) lines.push(`  ? ${verdict.type}: ${verdict.message}`);
  if (inconclusive.length > maxListed) lines.push(`  … and ${inconclusive.length - maxListed} more inconclusive`);
  return { passed: failures.length === 0 && inconclusive.length === 0, failures, inconclusive, text: lines.join('\n') };
}

/**
 * Throws RecordingCheckError (message = the summary text) when a judged verdict failed, else
 * InconclusiveError when one could not be judged for the harness's own lateness.
 */
export function assertRecordingPassed(analysis: RecordingAnalysis, options: RecordingCheckOptions = {}): RecordingSummary {
  const summary = summarizeRecording(analysis, options);
  if (summary.failures.length > 0) throw new RecordingCheckError(summary);
  if (summary.inconclusive.length > 0) throw new InconclusiveError(summary.text);
  return summary;
}

function signed(ms: number): string {
  return `${ms >= 0 ? '+' : ''}${ms.toFixed(1)}`;
}
