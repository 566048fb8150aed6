import { Then } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import { formatHostPort } from '../simulators/net/host-port';
import { CapturedSip, readCapture } from '../simulators/pcap/capture-reader';
import { assertTiming, harnessInput } from './support/harness-lateness';
import { GirWorld } from './support/world';

const at = (e: { host: string; port: number }): string => `${e.host}:${e.port}`;
/** Capture time (µs since the epoch) on the harness clock, for the harness-lateness span only. */
const onClock = (m: CapturedSip): number => m.timeUs / 1000 - performance.timeOrigin;

/**
 * Independent of every simulator's own log: the answer and the recording INVITE as they crossed
 * loopback, timed by the kernel's capture stamps.
 */
Then('the capture shows the SUT sent the recording INVITE within tolerance.startMs of the answer', async function (this: GirWorld) {
  const stage = await this.callControl();
  const answerer = this.party(this.answeredBy!);
  await this.capture!.flush();
  const capture = await readCapture(this.capture!.file);
  const phone = formatHostPort(answerer.phone.address);
  const sut = formatHostPort(stage.sut.sipAddress);
  const ms = formatHostPort(stage.mediaServer.address);
  const answer = capture.sip.find((m) => m.status === 200 && /INVITE/i.test(m.cseq ?? '') && at(m.source) === phone && at(m.destination) === sut);
  assert.ok(answer, `the capture holds no 200 OK to an INVITE from the ${answerer.name} (${phone}) to the SUT (${sut}); SIP messages captured: ${capture.sip.length}`);
  const invite = capture.sip.find((m) => m.method === 'INVITE' && at(m.source) === sut && at(m.destination) === ms && m.timeUs >= answer.timeUs);
  assert.ok(invite, `the capture holds no INVITE from the SUT (${sut}) to the Media Server (${ms}) after the answer`);
  const lag = (invite.timeUs - answer.timeUs) / 1000;
  assertTiming(harnessInput(this.tolerance), {
    measuredMs: lag, toleranceMs: this.tolerance.startMs, fromMs: onClock(answer), toMs: onClock(invite),
    message: `on the wire, the recording INVITE left the SUT ${lag.toFixed(1)} ms after the ${answerer.name}'s 200 OK; tolerance.startMs is ${this.tolerance.startMs}`,
  });
  this.log(`capture: recording INVITE ${lag.toFixed(1)} ms after the answer on the wire`);
});
