import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChannelTrack } from './channel-track';

const FRAME = 160;
const frame = (value: number): Int16Array => new Int16Array(FRAME).fill(value);
const MAX_DRIFT = 480;

test('packets are placed by RTP timestamp from the segment anchor, not by their jittery arrival', () => {
  const track = new ChannelTrack(MAX_DRIFT, 16);
  track.beginSegment(0);
  assert.equal(track.accept({ arrivalSample: 100, ssrc: 1, timestamp: 5000, pcm: frame(1) }), 100);
  assert.equal(track.accept({ arrivalSample: 300, ssrc: 1, timestamp: 5160, pcm: frame(2) }), 260);
  // frame 3 lost; frame 4 arrives a little late
  assert.equal(track.accept({ arrivalSample: 600, ssrc: 1, timestamp: 5480, pcm: frame(4) }), 580);
  const samples = track.samples(800);
  assert.equal(samples[99], 0);
  assert.equal(samples[100], 1);
  assert.equal(samples[260], 2);
  assert.equal(samples[420], 0, 'the lost frame is padded with silence');
  assert.equal(samples[579], 0);
  assert.equal(samples[580], 4);
  assert.equal(samples[740], 0, 'after the last frame, silence up to the total');
});

test('nothing is written while paused, audio beyond the pause point is cut, resume re-anchors', () => {
  const track = new ChannelTrack(MAX_DRIFT);
  track.beginSegment(0);
  track.accept({ arrivalSample: 0, ssrc: 1, timestamp: 0, pcm: frame(1) });
  track.accept({ arrivalSample: 160, ssrc: 1, timestamp: 160, pcm: frame(2) });
  track.endSegment(200); // pause inside frame 2
  assert.equal(track.accept({ arrivalSample: 320, ssrc: 1, timestamp: 320, pcm: frame(3) }), undefined);
  track.beginSegment(1000); // resume
  // a late packet from before the resume must not reach into the paused span
  assert.equal(track.accept({ arrivalSample: 1005, ssrc: 1, timestamp: 480, pcm: frame(9) }), 1005);
  assert.equal(track.accept({ arrivalSample: 1010, ssrc: 1, timestamp: 160, pcm: frame(7) }), undefined);
  // one that straddles the resume point is written from the resume point only
  assert.equal(track.accept({ arrivalSample: 1012, ssrc: 1, timestamp: 320, pcm: frame(8) }), 845);
  const samples = track.samples(1400);
  assert.equal(samples[199], 2);
  assert.equal(samples[200], 0);
  assert.ok(samples.subarray(200, 1000).every((s) => s === 0), 'paused span is digital silence');
  assert.deepEqual([...samples.subarray(999, 1006)], [0, 8, 8, 8, 8, 8, 9]);
  assert.deepEqual(track.stats, { placed: 4, droppedOutsideSegment: 2, droppedLate: 0, reanchored: 0, anchorCorrections: 0 });
});

test('a sender whose timestamp stops during hold is re-anchored at arrival', () => {
  const track = new ChannelTrack(MAX_DRIFT);
  track.beginSegment(0);
  track.accept({ arrivalSample: 0, ssrc: 7, timestamp: 0, pcm: frame(1) });
  assert.equal(track.accept({ arrivalSample: 8000, ssrc: 7, timestamp: 160, pcm: frame(2) }), 8000);
  assert.equal(track.stats.reanchored, 1);
  assert.equal(track.accept({ arrivalSample: 8170, ssrc: 7, timestamp: 320, pcm: frame(3) }), 8160);
});

test('a new SSRC anchors afresh; timestamps wrap at 2^32', () => {
  const track = new ChannelTrack(MAX_DRIFT);
  track.beginSegment(0);
  track.accept({ arrivalSample: 0, ssrc: 1, timestamp: 0xffffff60, pcm: frame(1) });
  assert.equal(track.accept({ arrivalSample: 160, ssrc: 1, timestamp: 0, pcm: frame(2) }), 160);
  assert.equal(track.accept({ arrivalSample: 400, ssrc: 2, timestamp: 99, pcm: frame(3) }), 400);
});

test('the storage grows block by block as the recording does', () => {
  const track = new ChannelTrack(MAX_DRIFT, 10);
  track.beginSegment(0);
  for (let i = 0; i < 100; i++) track.accept({ arrivalSample: i * FRAME, ssrc: 1, timestamp: i * FRAME, pcm: frame(i + 1) });
  assert.equal(track.length, 100 * FRAME);
  assert.equal(track.samples(100 * FRAME)[99 * FRAME], 100);
});

test('a first packet that came late is corrected by the next one on time, its audio moved along', () => {
  const track = new ChannelTrack(MAX_DRIFT);
  track.beginSegment(0);
  // frame 1 sat in a queue for 240 samples (30 ms); frame 2 arrives on time
  assert.equal(track.accept({ arrivalSample: 400, ssrc: 1, timestamp: 0, pcm: frame(1) }), 400);
  assert.equal(track.accept({ arrivalSample: 320, ssrc: 1, timestamp: 160, pcm: frame(2) }), 320);
  assert.equal(track.accept({ arrivalSample: 485, ssrc: 1, timestamp: 320, pcm: frame(3) }), 480);
  const samples = track.samples(700);
  assert.equal(samples[159], 0);
  assert.deepEqual([samples[160], samples[319], samples[320], samples[480], samples[639], samples[640]], [1, 1, 2, 3, 3, 0]);
  assert.equal(track.stats.anchorCorrections, 1);
  assert.equal(track.length, 640);
});

test('an anchor correction never moves audio before the segment start: the head is cut there', () => {
  const ramp = Int16Array.from({ length: FRAME }, (_, i) => i + 1);
  const track = new ChannelTrack(MAX_DRIFT);
  track.beginSegment(1000);
  track.accept({ arrivalSample: 1100, ssrc: 1, timestamp: 0, pcm: ramp });
  track.accept({ arrivalSample: 1060, ssrc: 1, timestamp: 160, pcm: frame(-5) });
  const samples = track.samples(1400);
  assert.ok(samples.subarray(0, 1000).every((s) => s === 0));
  // frame 1 belongs at 900..1060: its samples 100.. fill 1000..1060, frame 2 follows
  assert.deepEqual([samples[1000], samples[1059], samples[1060], samples[1219], samples[1220]], [101, 160, -5, -5, 0]);
});

test('a late first packet at the very start of a recording is corrected by the next on-time packet, its head cut at sample 0', () => {
  // The recording starts at 0 with nothing settled; the first packet was sent 29 ms before the start
  // but arrived 14.5 ms after it (a stalled event loop). The next one arrives on time.
  const ramp = Int16Array.from({ length: FRAME }, (_, i) => i + 1);
  const track = new ChannelTrack(MAX_DRIFT);
  track.beginSegment(0);
  assert.equal(track.accept({ arrivalSample: 116, ssrc: 1, timestamp: 0, pcm: ramp }), 116);
  assert.equal(track.accept({ arrivalSample: -72 + FRAME, ssrc: 1, timestamp: FRAME, pcm: frame(-5) }), 88);
  assert.equal(track.stats.anchorCorrections, 1);
  const samples = track.samples(400);
  // The first packet belongs at -72..88: its samples 73..160 fill 0..88, the second follows.
  assert.deepEqual([samples[0], samples[87], samples[88], samples[247], samples[248]], [73, 160, -5, -5, 0]);
});

test('reader() reads what samples() holds, span by span', () => {
  const track = new ChannelTrack(MAX_DRIFT, 64);
  track.beginSegment(0);
  track.accept({ arrivalSample: 100, ssrc: 1, timestamp: 0, pcm: frame(3) });
  track.endSegment(1000);
  for (const total of [50, 260, 1000]) {
    const samples = track.samples(total);
    const reader = track.reader(total);
    assert.equal(reader.length, total);
    const read = new Int16Array(total);
    for (let from = 0; from < total; from += 70) reader.read(from, read.subarray(from, Math.min(total, from + 70)));
    assert.deepEqual([...read], [...samples]);
  }
  const past = new Int16Array(10).fill(7);
  track.reader(1000).read(995, past);
  assert.deepEqual([...past], new Array(10).fill(0), 'past the end: silence');
});

test('the PCM given to accept() is copied, so the caller may reuse its array', () => {
  const track = new ChannelTrack(MAX_DRIFT);
  track.beginSegment(0);
  const reused = frame(5);
  track.accept({ arrivalSample: 0, ssrc: 1, timestamp: 0, pcm: reused });
  reused.fill(9);
  track.accept({ arrivalSample: 160, ssrc: 1, timestamp: 160, pcm: reused });
  const samples = track.samples(320);
  assert.equal(samples[0], 5);
  assert.equal(samples[160], 9);
});

test('settled samples are final: a late packet is cut at the settled point, an anchor correction that would move them is not made, their storage goes back', () => {
  const track = new ChannelTrack(MAX_DRIFT, 320);
  track.beginSegment(0);
  for (let i = 0; i < 10; i++) track.accept({ arrivalSample: i * FRAME + 40, ssrc: 1, timestamp: i * FRAME, pcm: frame(i + 1) });
  track.settle(960);
  const settled = track.samples(960);
  track.releaseSettled();
  assert.equal(track.settledLength, 960);
  // A packet earlier than the anchor predicts would move everything from the anchor (sample 40) earlier: not any more.
  assert.equal(track.accept({ arrivalSample: 1600, ssrc: 1, timestamp: 1600, pcm: frame(11) }), 1640);
  assert.equal(track.stats.anchorCorrections, 0);
  // A packet of a new SSRC placed by arrival inside the settled span writes only from the settled point on.
  track.beginSegment(900);
  assert.equal(track.accept({ arrivalSample: 900, ssrc: 2, timestamp: 0, pcm: frame(-3) }), 900);
  assert.equal(track.stats.droppedLate, 1);
  assert.throws(() => track.samples(960), /released/, 'the storage of settled samples is gone');
  const after = new Int16Array(200);
  track.reader(1160).read(960, after);
  assert.deepEqual([after[0], after[99], after[100]], [-3, -3, 7], 'from the settled point on, the new packet, then frame 7 from sample 1060 on');
  assert.deepEqual([settled[40], settled[199], settled[200]], [1, 1, 2], 'what was settled held the first frames');
  // A pause cut never reaches back into settled samples.
  track.endSegment(500);
  assert.equal(track.length, 960);
});
