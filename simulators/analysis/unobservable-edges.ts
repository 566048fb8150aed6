/**
 * PROFILE-RULES.md rule 29: a pause or resume edge that falls where the file holds neither silence
 * nor a readable frame cannot be verified. The padding check of that edge is inconclusive, never
 * passed, and the unreadable span is a finding of its own, inconclusive too: it is the edge itself
 * that cannot be read (e.g. a pause 1 ms after the start leaves 8-10 samples of a frame before the
 * silence, too few to name), not audio the recorder invented.
 */
import { PaddingVerdict, TimeBase, UnknownAudioVerdict, Verdict } from './recording-analysis';
import { AnalysisTolerances } from './tolerances';
import { channelName } from './channel-name';

export function markUnobservableEdges(
  verdicts: Verdict[],
  context: { timeBase: TimeBase; sampleRate: number; tolerances: AnalysisTolerances },
): void {
  const base = context.timeBase.fileStartMs;
  if (base === undefined) return;
  const slack = (context.tolerances.unknownMinMs * context.sampleRate) / 1000;
  const toSample = (ms: number) => ((ms - base) * context.sampleRate) / 1000;
  const unknown = verdicts.filter((v): v is UnknownAudioVerdict => v.type === 'unknown-audio' && v.severity === 'fail');
  for (const padding of verdicts.filter((v): v is PaddingVerdict => v.type === 'padding' && (v.severity === 'pass' || v.severity === 'fail'))) {
    for (const [edge, ms] of [['pause', padding.pause.startMs], ['resume', padding.pause.endMs]] as const) {
      const at = toSample(ms);
      const unread = unknown.find((u) => u.channel === padding.channel && u.spans.some((s) => at >= s.start - slack && at <= s.end + slack));
      if (!unread) continue;
      const span = unread.spans[0];
      const why = `the ${edge} at sample ${Math.round(at)} falls in samples ${span.start}..${span.end} of ${channelName(padding.channel)}, which hold neither silence nor a readable frame (PROFILE-RULES.md rule 29)`;
      padding.severity = 'inconclusive';
      padding.message += ` — inconclusive: ${why}`;
      if (unread.severity === 'fail') {
        unread.severity = 'inconclusive';
        unread.message += ` — inconclusive: ${why}`;
      }
    }
  }
}
