import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildChannelTimeline } from './channel-timeline';
import { analyzeRecording, analyzeRecordingInParallel } from './analyze-recording';
import { DEFAULT_SCAN_OPTIONS } from './scan-options';
import { SendLogIndex } from './send-log-index';
import { SentIndexLookup, sentIndexTable } from './sent-index-table';
import { buildChannelTimelines, PARALLEL_MIN_SAMPLES, scanThreads } from './timeline-pool';
import { buildSyntheticRecording } from './testing/synthetic-recording';

const PAUSE = { startMs: 9013.4, endMs: 12013.9, label: 'pause 1' };

function threeChannelRecording() {
  return buildSyntheticRecording({
    law: 'alaw',
    durationMs: 31000,
    recordingStartMs: 1000,
    senderStartMs: 1000 + 37 / 8 - 60,
    channelCount: 3,
    streams: [
      { streamId: 17, channel: 0, label: 'agent' },
      { streamId: 2049, channel: 1, label: 'caller' },
      { streamId: 300, channel: 2, label: 'supervisor' },
    ],
    pauses: [PAUSE],
    lossRate: 0.05,
    seed: 7,
  });
}

test('timeline pool: channels scanned on worker threads give the timelines a scan here gives', async () => {
  const rec = threeChannelRecording();
  const sendLog = new SendLogIndex(rec.streams);
  const here = rec.channels.map((samples, channel) => buildChannelTimeline(channel, samples, DEFAULT_SCAN_OPTIONS, sendLog));
  // Three threads for three channels: two workers and this one, whatever this machine's cores.
  const side = await buildChannelTimelines(rec.channels, DEFAULT_SCAN_OPTIONS, sendLog, () => sentIndexTable(rec.streams), 3);
  assert.deepEqual(side, here);
  assert.ok(here.every((t) => t.frames.length > 800), 'each channel holds its stream');
});

test('timeline pool: the parallel analysis of a recording over 30 s gives the analysis, verdicts included', async () => {
  const rec = threeChannelRecording();
  const input = { channels: rec.channels, streams: rec.streams, expectedPauses: [PAUSE], recording: { startMs: 1000, stopMs: 32000 } };
  assert.deepEqual(await analyzeRecordingInParallel(input), analyzeRecording(input));
});

test('timeline pool: only a long recording on a machine with cores to spare is scanned side by side', () => {
  assert.equal(scanThreads(2, PARALLEL_MIN_SAMPLES, 2), 2);
  assert.equal(scanThreads(3, PARALLEL_MIN_SAMPLES, 2), 2);
  assert.equal(scanThreads(2, PARALLEL_MIN_SAMPLES - 1, 8), 1);
  assert.equal(scanThreads(2, PARALLEL_MIN_SAMPLES, 1), 1);
  assert.equal(scanThreads(1, PARALLEL_MIN_SAMPLES * 10, 8), 1);
});

test('sent index table: answers as the send log does for a stream with gaps, scattered indexes, an empty and an unknown stream', () => {
  const streams = [
    { streamId: 5, channel: 0, frames: [70000, 70001, 70003, 70010].map((index) => ({ index, sentAtMs: index * 20 })) },
    { streamId: 6, channel: 1, frames: [] },
    { streamId: 8, channel: 1, frames: [70003, 1_000_000_000, 69999].map((index) => ({ index, sentAtMs: index })) },
  ];
  const log = new SendLogIndex(streams);
  const lookup = new SentIndexLookup(sentIndexTable(streams));
  for (const streamId of [5, 6, 7, 8]) {
    assert.equal(lookup.firstIndex(streamId), log.firstIndex(streamId), `first index of stream ${streamId}`);
    for (let index = 69998; index <= 70012; index++) {
      assert.equal(lookup.mayHaveSent(streamId, index), log.mayHaveSent(streamId, index), `stream ${streamId} index ${index}`);
    }
  }
  assert.equal(log.mayHaveSent(5, 70002), false);
  assert.equal(lookup.mayHaveSent(8, 1_000_000_000), true);
  assert.equal(lookup.firstIndex(8), 69999);
  assert.equal(log.sent(5, 70010)?.sentAtMs, 1400200);
});

test('send log index: scattered indexes are looked up like a run', () => {
  const frames = [0, 5, 1_000_000_000].map((index) => ({ index, sentAtMs: index }));
  const log = new SendLogIndex([{ streamId: 9, channel: 0, frames }]);
  assert.equal(log.sent(9, 1_000_000_000)?.sentAtMs, 1_000_000_000);
  assert.equal(log.sent(9, 5)?.sentAtMs, 5);
  assert.equal(log.sent(9, 6), undefined);
  assert.equal(log.mayHaveSent(9, 7), false);
  assert.equal(log.firstIndex(9), 0);
});
