import { Given, Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { CallEvent, CTI_ERROR_CODES, EventError, PRIVATE_MSG } from '../simulators/cti/cti-events';
import { DesktopRequest } from './support/cti-desktops';
import { HARNESS_WAIT_MS, talkFor, within } from './support/waiting';
import { GirWorld } from './support/world';
import { assertTiming, harnessInput } from './support/harness-lateness';

const MSG_IDS: Record<string, number> = {
  GSIP_RECORD_START: PRIVATE_MSG.start, GSIP_RECORD_STOP: PRIVATE_MSG.stop, GSIP_RECORD_PAUSE: PRIVATE_MSG.pause, GSIP_RECORD_RESUME: PRIVATE_MSG.resume,
};
/** A PrivateMsgID no profile gives a meaning (DYN-11). */
const UNKNOWN_MSG_ID = 3099;

/** A desktop is named in steps as "the agent's desktop" or "the supervisor desktop". */
const DESKTOP = "(the agent's desktop|the supervisor desktop)";
const desktopName = (phrase: string): string => phrase.replace(/^the /, '');

async function openDesktop(world: GirWorld, phrase: string) {
  const stage = await world.callControl();
  return world.desktops.open(desktopName(phrase), stage.sut.ctiAddress);
}

async function register(world: GirWorld, desktop: string, dn: string): Promise<void> {
  const request = world.desktops.send(desktop, 'RequestRegisterAddress', { thisDN: dn });
  const { event } = await request.sent.response;
  assert.equal(event.message, 'EventRegistered', `${desktop} could not register DN ${dn}: ${JSON.stringify(event)}`);
  world.desktops.registered(desktop, dn);
}

Given(new RegExp(`^${DESKTOP} is registered on the agent's DN$`), async function (this: GirWorld, phrase: string) {
  await openDesktop(this, phrase);
  await register(this, desktopName(phrase), this.party('agent').dn);
});

Given(new RegExp(`^${DESKTOP} is registered on the extension "([^"]+)"$`), async function (this: GirWorld, phrase: string, role: string) {
  const entry = this.directoryEntry(role);
  if (!('dn' in entry)) throw new Error(`directory role "${role}" has no DN`);
  await openDesktop(this, phrase);
  await register(this, desktopName(phrase), entry.dn);
});

Given(new RegExp(`^${DESKTOP} has registered no DN$`), async function (this: GirWorld, phrase: string) {
  await openDesktop(this, phrase);
});

/** The ConnectionID a request names: the call's (as the agent's desktop learnt it), or another. */
async function connIdFor(world: GirWorld, which: string | undefined): Promise<string> {
  if (which === 'an unknown ConnectionID') return randomBytes(8).toString('hex');
  return world.desktops.connIdAt("agent's desktop", world.party('agent').dn);
}

/**
 * `<desktop> requests GSIP_RECORD_PAUSE [for <DN>] [on <connection>] [with <key> "<value>"]`: one
 * RequestPrivateService; ThisDN is the agent's DN unless named; `with reasons` sets reasons.
 */
When(
  new RegExp(`^${DESKTOP} requests (GSIP_RECORD_\\w+|an unknown PrivateMsgID)( for its own DN)?(?: on (an unknown ConnectionID|the released call))?(?: with (record|partitions|reasons) '([^']*)')?$`),
  async function (this: GirWorld, phrase: string, msg: string, ownDn: string | undefined, connection: string | undefined, key: string | undefined, value: string | undefined) {
    const desktop = desktopName(phrase);
    const privateMsgId = msg === 'an unknown PrivateMsgID' ? UNKNOWN_MSG_ID : MSG_IDS[msg];
    if (privateMsgId === undefined) throw new Error(`unknown PrivateMsgID name ${msg}: ${Object.keys(MSG_IDS).join(', ')}`);
    const thisDN = ownDn ? this.desktops.registeredDn(desktop) : this.party('agent').dn;
    const fields: Record<string, unknown> = { privateMsgId, thisDN, connId: await connIdFor(this, connection) };
    if (key === 'reasons') fields.reasons = JSON.parse(value!);
    else if (key) fields.extensions = { [key]: value };
    this.desktops.send(desktop, 'RequestPrivateService', fields);
  },
);

When('the agent\'s desktop requests GSIP_RECORD_START and at once GSIP_RECORD_PAUSE', async function (this: GirWorld) {
  const fields = { thisDN: this.party('agent').dn, connId: await connIdFor(this, undefined) };
  this.desktops.send("agent's desktop", 'RequestPrivateService', { ...fields, privateMsgId: PRIVATE_MSG.start });
  this.desktops.send("agent's desktop", 'RequestPrivateService', { ...fields, privateMsgId: PRIVATE_MSG.pause });
});

When("the agent's desktop pauses and resumes the recording as many times as the profile's pause cycles", async function (this: GirWorld) {
  const fields = { thisDN: this.party('agent').dn, connId: await connIdFor(this, undefined) };
  const cycleMs = 300; // talk, then pause, as long each: whole frames either side of every edge
  for (let cycle = 0; cycle < this.profile.load.pauseCycles; cycle++) {
    this.desktops.send("agent's desktop", 'RequestPrivateService', { ...fields, privateMsgId: PRIVATE_MSG.pause });
    await talkFor(cycleMs);
    this.desktops.send("agent's desktop", 'RequestPrivateService', { ...fields, privateMsgId: PRIVATE_MSG.resume });
    await talkFor(cycleMs);
  }
});

/**
 * The desktop hangs the call up (RequestReleaseCall on the agent's DN): its hang-up moment is when
 * the request left, the cause of everything the SUT does next. The SUT's BYE must reach every party.
 */
When("the agent's desktop releases the call", async function (this: GirWorld) {
  const thisDN = this.party('agent').dn;
  const request = this.desktops.send("agent's desktop", 'RequestReleaseCall', { thisDN, connId: await connIdFor(this, undefined) });
  this.hungUpAtMs = request.sent.sentAtMs;
  const { event } = await request.sent.response;
  assert.equal(event.message, 'EventACK', `RequestReleaseCall on ${thisDN} was not acknowledged: ${JSON.stringify(event)}`);
  const parties = [...this.parties.values()].filter((p) => p.call);
  const ended = await within(HARNESS_WAIT_MS, `the SUT's BYE to ${parties.map((p) => p.name).join(', ')}`, Promise.all(parties.map((p) => p.call!.ended)));
  const notByTheSut = parties.filter((_, i) => ended[i] !== 'remote').map((p) => p.name);
  assert.deepEqual(notByTheSut, [], `after RequestReleaseCall the SUT must end every leg with its own BYE; these phones hung up themselves: ${notByTheSut.join(', ')}`);
});

/** Rule 10: EventReleased for the call, on the agent's DN, within tolerance.ctiResponseMs of the release. */
Then("the agent's desktop got EventReleased for the call within the profile's CTI response time", async function (this: GirWorld) {
  const dn = this.party('agent').dn;
  const connId = await connIdFor(this, undefined);
  const releasedAtMs = this.hungUpAtMs;
  if (releasedAtMs === undefined) throw new Error('no hang-up or release was made in this scenario');
  const events = this.desktops.eventsOf("agent's desktop", 'EventReleased').filter((e) => (e.event as CallEvent).connId === connId);
  assert.equal(events.length, 1, `the agent's desktop got ${events.length} EventReleased for call ${connId} on DN ${dn}; expected exactly one (rule 10)`);
  const [released] = events;
  const thisDN = (released.event as CallEvent).thisDN;
  assert.equal(thisDN, dn, `EventReleased names thisDN ${JSON.stringify(thisDN)}, not the agent's DN ${dn}`);
  assertTiming(harnessInput(this.tolerance), {
    measuredMs: released.receivedAtMs - releasedAtMs, toleranceMs: this.tolerance.ctiResponseMs, fromMs: releasedAtMs, toMs: released.receivedAtMs,
    message: `EventReleased came ${(released.receivedAtMs - releasedAtMs).toFixed(1)} ms after the release; tolerance.ctiResponseMs is ${this.tolerance.ctiResponseMs}`,
  });
});

/** Waits out the response window of every request so far: a late or second response shows. */
async function responseWindowOver(world: GirWorld): Promise<DesktopRequest[]> {
  const requests = world.desktops.requests;
  const last = requests[requests.length - 1];
  if (last) await talkFor(Math.max(0, last.sent.sentAtMs + world.tolerance.ctiResponseMs - world.clock.now()));
  return requests;
}

function responsesOf(world: GirWorld, request: DesktopRequest) {
  return world.desktops.get(request.desktop).responsesTo(request.sent.referenceId);
}

Then("every request got exactly one response within the profile's CTI response time", async function (this: GirWorld) {
  const requests = await responseWindowOver(this);
  assert.ok(requests.length > 0, 'the scenario made no CTI request');
  for (const request of requests) {
    const responses = responsesOf(this, request);
    const what = `${request.sent.message} ${JSON.stringify(request.fields)} (referenceId ${request.sent.referenceId}) from ${request.desktop}`;
    assert.equal(responses.length, 1, `${what} got ${responses.length} responses: ${responses.map((r) => r.event.message).join(', ')}`);
    const lag = responses[0].receivedAtMs - request.sent.sentAtMs;
    assertTiming(harnessInput(this.tolerance), {
      measuredMs: lag, toleranceMs: this.tolerance.ctiResponseMs, fromMs: request.sent.sentAtMs, toMs: responses[0].receivedAtMs,
      message: `${what} was answered ${lag.toFixed(1)} ms after it was sent; tolerance.ctiResponseMs is ${this.tolerance.ctiResponseMs}`,
    });
  }
});

Then(/^every RequestPrivateService was acknowledged with EventACK$/, async function (this: GirWorld) {
  const requests = (await responseWindowOver(this)).filter((r) => r.sent.message === 'RequestPrivateService');
  assert.ok(requests.length > 0, 'the scenario made no RequestPrivateService');
  for (const request of requests) {
    const responses = responsesOf(this, request).map((r) => r.event);
    assert.deepEqual(responses.map((e) => e.message), ['EventACK'], `${JSON.stringify(request.fields)} got ${JSON.stringify(responses)}`);
  }
});

Then(new RegExp(`^${DESKTOP} got EventError (\\w+) for its last request$`), async function (this: GirWorld, phrase: string, code: string) {
  if (!(CTI_ERROR_CODES as readonly string[]).includes(code)) throw new Error(`${code} is not an errorCode of the protocol`);
  const request = this.desktops.last(desktopName(phrase));
  const { event } = await request.sent.response;
  assert.equal(event.message, 'EventError', `${JSON.stringify(request.fields)} got ${JSON.stringify(event)}, EventError ${code} expected`);
  assert.equal((event as EventError).errorCode, code, `errorCode for ${JSON.stringify(request.fields)}: ${(event as EventError).errorMessage}`);
  this.log(`${code}: ${(event as EventError).errorMessage}`);
});

Then('the response to the last request echoes its reasons unchanged', async function (this: GirWorld) {
  const request = this.desktops.last();
  assert.ok(request.fields.reasons, 'the last request carried no reasons');
  const { event } = await request.sent.response;
  assert.deepEqual((event as { reasons?: unknown }).reasons, request.fields.reasons, `${event.message} must echo reasons`);
});


/** Full-time: the extension's record=true has started it at the answer; dynamic: a GSIP_RECORD_START. */
When(/^the recording of the call is started by (full-time|dynamic) recording$/, async function (this: GirWorld, method: string) {
  if (method === 'full-time') return;
  this.desktops.send("agent's desktop", 'RequestPrivateService', {
    privateMsgId: PRIVATE_MSG.start, thisDN: this.party('agent').dn, connId: await connIdFor(this, undefined),
  });
});

