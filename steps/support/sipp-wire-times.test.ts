import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PhoneCall } from '../../simulators/endpoint/phone-call';
import type { Capture, CapturedRtp } from '../../simulators/pcap/capture-reader';
import { sippFramesByCall } from './sipp-wire-times';

const SSRC = 0x1234;
const FIRST_SEQUENCE = 100;
const host = '127.0.0.1';

/**
 * Two SIPp calls playing the same stream 23.6 ms apart (SUT caller-leg ports 5000 and 5002), relayed
 * to agents on 7000 and 7002: the SUT forwards nothing of a call for its first 45 ms (the agent's
 * address not yet known), then what it holds at once, then each packet 1 ms after it left SIPp.
 */
function twoCallsAFrameApart(): { capture: Capture; agentA: PhoneCall; agentB: PhoneCall } {
  const rtp: CapturedRtp[] = [];
  const calls = [
    { sutPort: 5000, agentPort: 7000, startUs: 1_000_000 },
    { sutPort: 5002, agentPort: 7002, startUs: 1_023_600 },
  ];
  for (const call of calls) {
    for (let frame = 0; frame < 100; frame++) {
      const sentUs = call.startUs + frame * 20_000;
      const sequence = FIRST_SEQUENCE + frame;
      const packet = { sequence, timestamp: frame * 160, ssrc: SSRC, payloadType: 0 };
      rtp.push({ ...packet, timeUs: sentUs, source: { host, port: 9000 }, destination: { host, port: call.sutPort } });
      rtp.push({ ...packet, timeUs: Math.max(sentUs + 1_000, call.startUs + 45_000), source: { host, port: call.sutPort + 1000 }, destination: { host, port: call.agentPort } });
    }
  }
  rtp.sort((a, b) => a.timeUs - b.timeUs);
  const agent = (port: number) => ({ media: { local: { host, port } } }) as unknown as PhoneCall;
  return { capture: { linkType: 1, frames: rtp.length, sip: [], rtp }, agentA: agent(7000), agentB: agent(7002) };
}

test('SIPp wire times: calls started a frame apart are tied to their own agents, though the first copies came late', () => {
  const { capture, agentA, agentB } = twoCallsAFrameApart();
  const frames = sippFramesByCall(capture, { ssrc: SSRC, firstSequence: FIRST_SEQUENCE }, [agentA, agentB]);
  const firstSentMs = (call: PhoneCall) => frames.get(call)![0].sentAtMs;
  // Both on one clock offset: their first frames are the two calls' starts, 23.6 ms apart, in order.
  assert.equal(frames.get(agentA)!.length, 100);
  assert.ok(Math.abs(firstSentMs(agentB) - firstSentMs(agentA) - 23.6) < 0.01, `agent B's SIPp call starts ${firstSentMs(agentB) - firstSentMs(agentA)} ms after agent A's`);
});
