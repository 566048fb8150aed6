/**
 * An SVG picture of one analysed recording, for the Cucumber report: one row per channel with its
 * waveform (min/max per pixel column), the expected pause windows shaded across all rows, what the
 * analyzer found underneath each waveform (audio by stream, silence, unknown audio), and every
 * failing verdict flagged at its sample offsets. Pure string building: no DOM, no dependencies.
 */
import { RecordingAnalysis, Segment, Verdict } from './recording-analysis';
import { summarizeRecording } from './recording-summary';
import { channelName } from './channel-name';

export interface RecordingPlotOptions {
  /** The decoded channels the analysis was made from (the waveform rows). */
  samples: readonly Int16Array[];
  width?: number;
  rowHeight?: number;
  title?: string;
  /** Per channel, e.g. ['channel 1: agent (label 1)', 'channel 2: caller (label 2)']. */
  channelLabels?: string[];
}

const MARGIN_LEFT = 140;
const MARGIN_RIGHT = 20;
const HEADER = 46;
const SEGMENT_BAR = 14;
const ROW_GAP = 26;
const FOOTER = 64;

const COLOURS = {
  pause: '#f6c343',
  silence: '#9ecae1',
  unknown: '#e6550d',
  wave: '#333333',
  fail: '#d62728',
  info: '#7f7f7f',
  pass: '#2ca02c',
  /** Not judged (the harness was late): neither the failure red nor the information grey. */
  inconclusive: '#8c6d31',
};
/** Stream colours: none of them the pass green, the failure red or the unknown orange. */
const STREAM_COLOURS = ['#1f77b4', '#9467bd', '#8c564b', '#17becf', '#bcbd22', '#e377c2', '#393b79', '#637939'];

export function renderRecordingSvg(analysis: RecordingAnalysis, options: RecordingPlotOptions): string {
  const width = options.width ?? 1200;
  const rowHeight = options.rowHeight ?? 110;
  const plotWidth = width - MARGIN_LEFT - MARGIN_RIGHT;
  const rows = analysis.channels.length;
  const rowStride = rowHeight + SEGMENT_BAR + ROW_GAP;
  const height = HEADER + rows * rowStride + FOOTER;
  const length = Math.max(1, analysis.lengthSamples);
  const x = (sample: number): number => MARGIN_LEFT + (Math.min(Math.max(sample, 0), length) / length) * plotWidth;
  const rowTop = (channel: number): number => HEADER + channel * rowStride;
  const parts: string[] = [];
  const summary = summarizeRecording(analysis);

  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    text(MARGIN_LEFT, 16, options.title ?? 'recording analysis', 'font-size="14" font-weight="bold"'),
    text(MARGIN_LEFT, 32, summary.text.split('\n')[0], `fill="${summary.failures.length ? COLOURS.fail : summary.passed ? COLOURS.pass : COLOURS.inconclusive}"`),
  );

  // Expected pauses, shaded over every row.
  const fileStartMs = analysis.timeBase.fileStartMs;
  if (fileStartMs !== undefined) {
    for (const pause of analysis.expectedPauses) {
      const from = x(((pause.startMs - fileStartMs) * analysis.sampleRate) / 1000);
      const to = x(((pause.endMs - fileStartMs) * analysis.sampleRate) / 1000);
      parts.push(
        `<rect x="${f(from)}" y="${HEADER - 6}" width="${f(Math.max(1, to - from))}" height="${rows * rowStride}" fill="${COLOURS.pause}" fill-opacity="0.25"><title>${esc(`expected pause ${pause.label ?? ''} ${pause.startMs}..${pause.endMs} ms`)}</title></rect>`,
      );
    }
  }

  for (const timeline of analysis.channels) {
    const top = rowTop(timeline.channel);
    const middle = top + rowHeight / 2;
    const label = options.channelLabels?.[timeline.channel] ?? channelName(timeline.channel);
    parts.push(
      `<rect x="${MARGIN_LEFT}" y="${top}" width="${plotWidth}" height="${rowHeight}" fill="none" stroke="#cccccc"/>`,
      channelLabel(label, middle),
      waveform(options.samples[timeline.channel], top, rowHeight, plotWidth, x),
    );
    for (const segment of timeline.segments) parts.push(segmentBar(segment, top + rowHeight + 2, x, analysis));
  }

  for (const verdict of analysis.verdicts) parts.push(verdictMark(verdict, rowTop, rowHeight, x));

  // Time axis under the last row.
  const axisY = HEADER + rows * rowStride - ROW_GAP + 4;
  const seconds = length / analysis.sampleRate;
  const step = niceStep(seconds / 10);
  for (let t = 0; t <= seconds + 1e-9; t += step) {
    const px = x(t * analysis.sampleRate);
    parts.push(`<line x1="${f(px)}" y1="${axisY}" x2="${f(px)}" y2="${axisY + 4}" stroke="#666"/>`, text(px - 8, axisY + 16, `${round(t)} s`));
  }
  parts.push(legend(height - 34, plotWidth));
  parts.push('</svg>');
  return parts.join('\n');
}

/** Min/max of the samples under each pixel column, as one closed path. */
function waveform(samples: Int16Array | undefined, top: number, rowHeight: number, plotWidth: number, x: (s: number) => number): string {
  if (!samples || samples.length === 0) return '';
  const columns = Math.max(1, Math.floor(plotWidth));
  const upper: string[] = [];
  const lower: string[] = [];
  const scale = (rowHeight / 2 - 2) / 32768;
  const middle = top + rowHeight / 2;
  for (let c = 0; c < columns; c++) {
    const from = Math.floor((c * samples.length) / columns);
    const to = Math.max(from + 1, Math.floor(((c + 1) * samples.length) / columns));
    let min = 0;
    let max = 0;
    for (let i = from; i < to && i < samples.length; i++) {
      if (samples[i] < min) min = samples[i];
      if (samples[i] > max) max = samples[i];
    }
    const px = f(x(from));
    upper.push(`${px},${f(middle - max * scale)}`);
    lower.push(`${px},${f(middle - min * scale)}`);
  }
  return `<path d="M${upper.join('L')}L${lower.reverse().join('L')}Z" fill="${COLOURS.wave}" fill-opacity="0.7" stroke="none"/>`;
}

function segmentBar(segment: Segment, y: number, x: (s: number) => number, analysis: RecordingAnalysis): string {
  const from = x(segment.start);
  const w = f(Math.max(0.5, x(segment.start + segment.length) - from));
  const where = `samples ${segment.start}..${segment.start + segment.length}`;
  if (segment.kind === 'silence') {
    return `<rect x="${f(from)}" y="${y}" width="${w}" height="${SEGMENT_BAR - 4}" fill="${COLOURS.silence}"><title>${esc(`${segment.digital ? 'digital silence' : 'quiet (not digital)'} ${where}`)}</title></rect>`;
  }
  if (segment.kind === 'unknown') {
    return `<rect x="${f(from)}" y="${y}" width="${w}" height="${SEGMENT_BAR - 4}" fill="${COLOURS.unknown}"><title>${esc(`unknown audio ${where}`)}</title></rect>`;
  }
  const stream = analysis.streams.find((s) => s.streamId === segment.streamId);
  const colour = STREAM_COLOURS[segment.streamId % STREAM_COLOURS.length];
  const name = `stream ${segment.streamId}${stream?.label ? ` (${stream.label})` : ''} frames ${segment.firstIndex}..${segment.lastIndex}`;
  return `<rect x="${f(from)}" y="${y}" width="${w}" height="${SEGMENT_BAR - 4}" fill="${colour}"><title>${esc(`${name}, ${where}`)}</title></rect>`;
}

/** Failing verdicts: a red band over their spans and a marker above the row; not judged: the same in amber; info: grey. */
function verdictMark(verdict: Verdict, rowTop: (c: number) => number, rowHeight: number, x: (s: number) => number): string {
  if (verdict.severity === 'pass') {
    return verdict.spans
      .map((span) => `<rect x="${f(x(span.start))}" y="${rowTop(span.channel) + rowHeight - 3}" width="${f(Math.max(1, x(span.end) - x(span.start)))}" height="3" fill="${COLOURS.pass}"><title>${esc(verdict.message)}</title></rect>`)
      .join('\n');
  }
  const colour = verdict.severity === 'fail' ? COLOURS.fail : verdict.severity === 'inconclusive' ? COLOURS.inconclusive : COLOURS.info;
  return verdict.spans
    .map((span) => {
      const from = x(span.start);
      const w = Math.max(2, x(span.end) - from);
      const top = rowTop(span.channel);
      const marker = `<path d="M${f(from + w / 2 - 5)},${top - 9}L${f(from + w / 2 + 5)},${top - 9}L${f(from + w / 2)},${top - 1}Z" fill="${colour}"/>`;
      const band = `<rect x="${f(from)}" y="${top}" width="${f(w)}" height="${rowHeight}" fill="${colour}" fill-opacity="${verdict.severity === 'info' ? 0.12 : 0.25}"/>`;
      return `<g><title>${esc(`${verdict.type}: ${verdict.message}`)}</title>${band}${marker}</g>`;
    })
    .join('\n');
}

function legend(y: number, plotWidth: number): string {
  const items: [string, string, number][] = [
    ['expected pause', COLOURS.pause, 0.4],
    ['silence found', COLOURS.silence, 1],
    ['unknown audio', COLOURS.unknown, 1],
    ['audio (colour = stream)', STREAM_COLOURS[0], 1],
    ['failure', COLOURS.fail, 0.6],
    ['information (e.g. injected loss)', COLOURS.info, 0.4],
    ['padding within tolerance', COLOURS.pass, 1],
    ['not judged: the harness was late', COLOURS.inconclusive, 0.6],
  ];
  return items
    .map(([label, colour, opacity], i) => {
      // Two lines of four, so labels never run into each other.
      const px = MARGIN_LEFT + ((i % 4) * plotWidth) / 4;
      const py = y + Math.floor(i / 4) * 18;
      return `<rect x="${f(px)}" y="${py - 9}" width="12" height="10" fill="${colour}" fill-opacity="${opacity}"/>${text(px + 16, py, label)}`;
    })
    .join('\n');
}

/**
 * A channel's name left of its row, "channel 1:" over "agent (label 1)": on one line a label such
 * as "channel 1: agent (label 1)" ran into the waveform.
 */
function channelLabel(label: string, middle: number): string {
  const split = label.indexOf(': ');
  if (split < 0) return text(8, middle + 4, label);
  const lines = [label.slice(0, split + 1), label.slice(split + 2)];
  return `<text x="8" y="${f(middle - 3)}">${lines.map((line, i) => `<tspan x="8" dy="${i === 0 ? 0 : 14}">${esc(line)}</tspan>`).join('')}</text>`;
}

function text(px: number, py: number, content: string, attributes = ''): string {
  return `<text x="${f(px)}" y="${f(py)}" ${attributes}>${esc(content)}</text>`;
}

function esc(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function f(value: number): string {
  return (Math.round(value * 10) / 10).toString();
}

function round(value: number): string {
  return (Math.round(value * 1000) / 1000).toString();
}

function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(Math.max(raw, 1e-3)));
  for (const m of [1, 2, 5, 10]) if (m * power >= raw) return m * power;
  return 10 * power;
}
