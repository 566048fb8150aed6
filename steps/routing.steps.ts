import { Given, Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { EventError } from '../simulators/cti/cti-events';
import { RoutingStrategy } from '../simulators/cti/routing-strategy';
import { connect, EXTERNAL_NUMBER } from './support/connect-call';
import { assertTiming, harnessInput } from './support/harness-lateness';
import { stoppedEvent } from './support/recording-check';
import { HARNESS_WAIT_MS, talkFor, within } from './support/waiting';
import { GirWorld } from './support/world';

/** One routing point the strategy serves: what it routes with, and where to when not to the scenario's target. */
interface RoutingPointPlan {
  strategy: RoutingStrategy;
  extensions: Record<string, string>;
  onwardDn?: string;
  /** The party this routing point sends calls to, when not the scenario's target (a transfer's, SEL-04). */
  toParty?: string;
}

/** The scenario's routing strategy: one client on every routing point it serves; calls are dialled to the first. */
interface Routing {
  entryDn: string;
  points: Map<string, RoutingPointPlan>;
  /** Where the last routing point sends the call: the agent's DN, or an external number. */
  target?: string;
}

const routings = new WeakMap<GirWorld, Routing>();
const STRATEGY = 'routing strategy';

function routingOf(world: GirWorld): Routing {
  const routing = routings.get(world);
  if (!routing) throw new Error('the scenario has no routing strategy: "Given the routing strategy on the routing point ..." first');
  return routing;
}

/** The extensions of the routing point that sends the call to its destination (the last one). */
function finalExtensions(routing: Routing): Record<string, string> {
  return [...routing.points.values()].find((p) => p.onwardDn === undefined && p.toParty === undefined)?.extensions ?? {};
}

/** Every RequestRouteCall the strategy sent, in the order sent. */
function allRouted(routing: Routing) {
  return [...routing.points.values()].flatMap((p) => p.strategy.routed).sort((a, b) => a.sent.sentAtMs - b.sent.sentAtMs);
}

/** `record=destination, id=fresh, dest=selective/eu`: `fresh` is an id no other scenario or run uses. */
function parseExtensions(spec: string): Record<string, string> {
  const extensions: Record<string, string> = {};
  for (const item of spec.split(',').map((i) => i.trim()).filter((i) => i !== '' && i !== 'none')) {
    const match = /^(record|id|dest)=(.+)$/.exec(item);
    if (!match) throw new Error(`extension "${item}": expected record=..., id=... or dest=...`);
    extensions[match[1]] = match[1] === 'id' && match[2] === 'fresh' ? `sel-${randomBytes(6).toString('hex')}` : match[2];
  }
  return extensions;
}

/** Registers the strategy's client on the routing point and answers its route requests (to `onwardDn`, `toParty`'s DN, or the scenario's target). */
async function serveRoutingPoint(world: GirWorld, role: string, spec: string, onwardRole?: string, toParty?: string): Promise<void> {
  const routingPoint = world.directoryEntry(role, 'RoutingPoint');
  const onwardDn = onwardRole === undefined ? undefined : world.directoryEntry(onwardRole, 'RoutingPoint').dn;
  const stage = await world.callControl();
  let routing = routings.get(world);
  if (!routing) {
    await world.desktops.open(STRATEGY, stage.sut.ctiAddress);
    routing = { entryDn: routingPoint.dn, points: new Map() };
    routings.set(world, routing);
  }
  const request = world.desktops.send(STRATEGY, 'RequestRegisterAddress', { thisDN: routingPoint.dn });
  const { event } = await request.sent.response;
  assert.equal(event.message, 'EventRegistered', `the routing strategy could not register routing point ${routingPoint.dn}: ${JSON.stringify(event)}`);
  const extensions = parseExtensions(spec);
  const served = routing;
  const strategy = new RoutingStrategy(world.desktops.get(STRATEGY), routingPoint.dn, () => {
    const otherDN = onwardDn ?? (toParty === undefined ? served.target : world.party(toParty).dn);
    if (!otherDN) throw new Error('a route request came before the scenario said where calls go');
    return { otherDN, extensions };
  }, world.tolerance.ctiResponseMs, (fields) => world.desktops.send(STRATEGY, 'RequestRouteCall', fields).sent);
  world.disposers.push(`routing strategy on ${routingPoint.dn}`, () => strategy.close());
  routing.points.set(routingPoint.dn, { strategy, extensions, ...(onwardDn ? { onwardDn } : {}), ...(toParty ? { toParty } : {}) });
}

Given('the routing strategy on the routing point {string} routes with {string}', async function (this: GirWorld, role: string, spec: string) {
  await serveRoutingPoint(this, role, spec);
});

Given('the routing strategy on the routing point {string} routes on to the routing point {string} with {string}', async function (this: GirWorld, role: string, onward: string, spec: string) {
  await serveRoutingPoint(this, role, spec, onward);
});

/** SEL-04, FT-06: the routing point a transfer or hand-off goes through; it sends the call to that party. */
Given(/^the routing strategy on the routing point "([^"]+)" routes transfers to the (agent|new agent) with '([^']*)'$/, async function (this: GirWorld, role: string, party: string, spec: string) {
  await serveRoutingPoint(this, role, spec, undefined, party);
});

/** Rule 16: disable_destination stops the call's live recording (a trunk group's) within tolerance.stopMs of the request. */
Then("the trunk group's recording stopped within the profile's stop tolerance of the RequestRouteCall", async function (this: GirWorld) {
  const routed = allRouted(routingOf(this)).at(-1);
  assert.ok(routed, 'the routing point raised no EventRouteRequest to the strategy');
  await recordingStoppedWithin(this, routed.sent.sentAtMs, 'the RequestRouteCall with record=disable_destination');
});

/** FT-06 through a routing point: the trunk group's recording ends when the agent has the call. */
Then("the trunk group's recording stopped within the profile's stop tolerance of the agent's answer", async function (this: GirWorld) {
  assert.ok(this.transfer, 'the call was not handed off');
  await recordingStoppedWithin(this, this.transfer.answeredAtMs, "the agent's answer of the handed-off call");
});

async function recordingStoppedWithin(world: GirWorld, referenceMs: number, reference: string): Promise<void> {
  const stage = await world.callControl();
  const [session] = stage.mediaServer.sessions;
  assert.ok(session, 'no recording session at the Media Server');
  const deadline = referenceMs + world.tolerance.stopMs;
  const stopped = await within(Math.max(0, deadline - world.clock.now()), `the stop of the trunk group's recording (${reference} + tolerance.stopMs)`, stoppedEvent(session));
  const lag = stopped.atMs - referenceMs;
  assertTiming(harnessInput(world.tolerance), {
    measuredMs: lag, toleranceMs: world.tolerance.stopMs, fromMs: referenceMs, toMs: stopped.atMs,
    message: `the trunk group's recording stopped ${lag.toFixed(1)} ms after ${reference}; tolerance.stopMs is ${world.tolerance.stopMs}`,
  });
}

When('a caller on the trunk {string} calls the routing point and the agent answers', async function (this: GirWorld, trunkRole: string) {
  const trunk = this.directoryEntry(trunkRole, 'TrunkGroup');
  const stage = await this.callControl();
  const routing = routingOf(this);
  const caller = this.addParty('caller', stage.trunkPeers.get(trunkRole)!, trunk.dn);
  const agent = this.party('agent');
  routing.target = agent.dn;
  await connect(this, caller, agent, routing.entryDn);
});

When('the agent calls the routing point, which routes to an external number through the trunk {string}, and the far end answers', async function (this: GirWorld, trunkRole: string) {
  const trunk = this.directoryEntry(trunkRole, 'TrunkGroup');
  const stage = await this.callControl();
  const routing = routingOf(this);
  const farEnd = this.addParty('far end', stage.trunkPeers.get(trunkRole)!, trunk.dn);
  const agent = this.party('agent');
  routing.target = EXTERNAL_NUMBER;
  await connect(this, agent, farEnd, routing.entryDn, agent.dn);
});

/** A second call reaches the routing point; the strategy routes it (to the agent) with the same extensions. */
When('a second caller on the trunk {string} calls the routing point', async function (this: GirWorld, trunkRole: string) {
  const trunk = this.directoryEntry(trunkRole, 'TrunkGroup');
  const stage = await this.callControl();
  const routing = routingOf(this);
  const second = this.addParty('second caller', stage.trunkPeers.get(trunkRole)!, trunk.dn);
  const client = this.desktops.get(STRATEGY);
  const from = client.events.length;
  second.phone.call(routing.entryDn, second.streamId).catch(() => undefined); // its fate is not this step's to judge
  // the strategy answers each EventRouteRequest as it arrives, before this wait resumes
  await client.waitFor((e) => e.event.message === 'EventRouteRequest', HARNESS_WAIT_MS, () => new Error('the second call raised no EventRouteRequest'), from);
  // The SUT's answer to that RequestRouteCall ends the step: an SUT apart from the harness (process,
  // container) could otherwise get a hang-up that follows before the route request. What the answer
  // is, or that none came, is the Then steps' to judge.
  await allRouted(routing).at(-1)?.sent.response.catch(() => undefined);
});

/** Waits out the response window of the strategy's last RequestRouteCall: a late or second response shows. */
async function lastRouteResponses(world: GirWorld) {
  const last = allRouted(routingOf(world)).at(-1);
  assert.ok(last, 'the routing point raised no EventRouteRequest to the strategy');
  await talkFor(Math.max(0, last.sent.sentAtMs + world.tolerance.ctiResponseMs - world.clock.now()));
  return { last, responses: world.desktops.get(STRATEGY).responsesTo(last.sent.referenceId).map((r) => r.event) };
}

Then('every RequestRouteCall was acknowledged with EventACK', async function (this: GirWorld) {
  await lastRouteResponses(this);
  for (const routed of allRouted(routingOf(this))) {
    const responses = this.desktops.get(STRATEGY).responsesTo(routed.sent.referenceId).map((r) => r.event);
    assert.deepEqual(responses.map((e) => e.message), ['EventACK'], `${JSON.stringify(routed.fields)} got ${JSON.stringify(responses)}`);
  }
});

Then('the routing strategy got EventError {word} for its last RequestRouteCall, and no EventACK', async function (this: GirWorld, code: string) {
  const { last, responses } = await lastRouteResponses(this);
  assert.deepEqual(responses.map((e) => e.message), ['EventError'], `${JSON.stringify(last.fields)}: exactly one response, EventError, expected; got ${JSON.stringify(responses)}`);
  assert.equal((responses[0] as EventError).errorCode, code, (responses[0] as EventError).errorMessage);
  this.log(`${code}: ${(responses[0] as EventError).errorMessage}`);
});

Then("the agent's phone rang {int} time(s)", async function (this: GirWorld, times: number) {
  const agent = this.party('agent');
  assert.equal(agent.phone.calls.length, times, `calls that reached the agent's phone (DN ${agent.dn})`);
});

/**
 * SEL-05, SEL-07 (SUT side): the recording INVITE carries the strategy's id as X-Genesys-Record-Id
 * and its dest as X-Genesys-Dest, none when the strategy gave none; the metadata has them too.
 */
Then("the recording carries the routing strategy's id and dest, in its INVITE and its metadata", async function (this: GirWorld) {
  const extensions = finalExtensions(routingOf(this));
  const stage = await this.callControl();
  const [session] = stage.mediaServer.sessions;
  assert.ok(session, 'no recording session at the Media Server');
  assert.equal(session.offer.parameters.recordId, extensions.id, 'X-Genesys-Record-Id of the recording INVITE');
  assert.equal(session.offer.parameters.dest, extensions.dest, 'X-Genesys-Dest of the recording INVITE');
  const metadata = await within(HARNESS_WAIT_MS, `the files of recording ${session.recording.id}`, session.finished);
  assert.ok(metadata, 'the recording left no metadata');
  if (extensions.id !== undefined) assert.equal(metadata.id, extensions.id, 'metadata id');
  assert.equal(metadata.dest, extensions.dest ?? null, 'metadata dest');
});
