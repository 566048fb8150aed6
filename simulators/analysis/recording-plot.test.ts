import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeRecording } from './analyze-recording';
import { buildSyntheticRecording } from './testing/synthetic-recording';
import { renderRecordingSvg } from './recording-plot';

test('recording plot: one waveform row per channel, pause shaded, silence and a leak marked', () => {
  const pause = { startMs: 1000, endMs: 2500, label: 'hold' };
  const rec = buildSyntheticRecording({
    law: 'alaw',
    durationMs: 4000,
    recordingStartMs: 0,
    senderStartMs: 7.7,
    channelCount: 2,
    streams: [
      { streamId: 1, channel: 0, label: 'agent' },
      { streamId: 2, channel: 1, label: 'caller <ext>' },
    ],
    pauses: [pause],
    leaks: [[2, 90]],
  });
  const analysis = analyzeRecording({ channels: rec.channels, streams: rec.streams, expectedPauses: [pause], recording: { startMs: 0 } });
  const svg = renderRecordingSvg(analysis, { samples: rec.channels, width: 800, title: 'FT-01 & friends' });
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="800"/);
  assert.match(svg, /<\/svg>$/);
  assert.equal((svg.match(/<path d="M[^"]*Z" fill="#333333"/g) ?? []).length, 2, 'two waveforms');
  assert.match(svg, /<title>expected pause hold 1000\.\.2500 ms<\/title>/);
  const padding = analysis.channels[0].segments.find((s) => s.kind === 'silence' && s.start === 8000);
  assert.ok(padding, 'the pause is padded from sample 8000 in channel 0');
  assert.ok(svg.includes(`<title>digital silence samples 8000..${8000 + padding.length}</title>`));
  const leak = analysis.verdicts.find((v) => v.type === 'leak');
  assert.ok(leak);
  assert.ok(svg.includes(`<title>leak: ${leak.message.replace(/</g, '&lt;').replace(/>/g, '&gt;')}</title>`));
  assert.ok(svg.includes('caller &lt;ext&gt;') && !svg.includes('caller <ext>'), 'text is escaped');
  assert.ok(svg.includes('FT-01 &amp; friends'));
  // Every opened element is closed: the document is balanced.
  const opened = (svg.match(/<(rect|path|g|text|title|line|svg)\b(?:[^>]*[^/])?>/g) ?? []).length;
  const closed = (svg.match(/<\/(rect|path|g|text|title|line|svg)>/g) ?? []).length;
  assert.equal(opened, closed);
});

test('recording plot: a channel label "channel 1: agent (label 1)" takes two lines, so it stays left of the waveform', () => {
  const rec = buildSyntheticRecording({
    law: 'alaw', durationMs: 500, recordingStartMs: 0, senderStartMs: 0, channelCount: 1,
    streams: [{ streamId: 1, channel: 0, label: 'agent' }], pauses: [], leaks: [],
  });
  const analysis = analyzeRecording({ channels: rec.channels, streams: rec.streams, expectedPauses: [], recording: { startMs: 0 } });
  const svg = renderRecordingSvg(analysis, { samples: rec.channels, channelLabels: ['channel 1: agent & co (label 1)'] });
  assert.match(svg, /<text x="8" y="[\d.]+"><tspan x="8" dy="0">channel 1:<\/tspan><tspan x="8" dy="14">agent &amp; co \(label 1\)<\/tspan><\/text>/);
});

test('recording plot: a verdict the harness could not judge is drawn in its own colour, and the summary line is not failure red', () => {
  const rec = buildSyntheticRecording({
    law: 'alaw', durationMs: 500, recordingStartMs: 0, senderStartMs: 0, channelCount: 1,
    streams: [{ streamId: 1, channel: 0, label: 'agent' }], pauses: [], leaks: [],
  });
  const analysis = analyzeRecording({ channels: rec.channels, streams: rec.streams, expectedPauses: [], recording: { startMs: 0 } });
  analysis.verdicts.push({ type: 'duration', severity: 'inconclusive', message: 'the harness stalled 60 ms', spans: [{ channel: 0, start: 100, end: 200 }] } as (typeof analysis.verdicts)[number]);
  const svg = renderRecordingSvg(analysis, { samples: rec.channels });
  assert.match(svg, /<text x="[\d.]+" y="32" fill="#8c6d31">recording: .*1 inconclusive<\/text>/);
  assert.match(svg, /<g><title>duration: the harness stalled 60 ms<\/title><rect [^>]*fill="#8c6d31"/);
  assert.match(svg, />not judged: the harness was late</);
});
