import { Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import { CtiClient } from '../simulators/cti/cti-client';
import { EventError, RESPONSE_NAMES } from '../simulators/cti/cti-events';
import { GirWorld } from './support/world';

/** A line bigger than the protocol's 64 KiB limit: 70 KiB of a valid-looking request. */
const LONG_LINE = JSON.stringify({ message: 'RequestRegisterAddress', referenceId: 1, thisDN: '7001', pad: 'x'.repeat(70 * 1024) });

/** The malformed inputs of ROB-02, as the lines a broken client would send. */
const INPUTS: Record<string, string> = {
  'a line that is not JSON': '{"message":"RequestRegisterAddress","referenceId":',
  'a JSON value that is not an object': '[1,2,3]',
  'a request without referenceId': '{"message":"RequestRegisterAddress","thisDN":"7002"}',
  'a request whose thisDN is a number': '{"message":"RequestRegisterAddress","referenceId":11,"thisDN":7002}',
  'a request whose connId is not hex': '{"message":"RequestPrivateService","referenceId":12,"privateMsgId":3013,"thisDN":"7002","connId":"not-a-connection"}',
  'a request whose reasons is a list': '{"message":"RequestRegisterAddress","referenceId":13,"thisDN":"7002","reasons":["PCI"]}',
  'an unknown message': '{"message":"RequestTeleport","referenceId":14}',
  'a line of 70 KiB': LONG_LINE,
};

/** Where in the desktop's events the malformed input's response is to be looked for. */
const sentAt = new WeakMap<GirWorld, { from: number; sentAtMs: number; input: string }>();

When(/^the supervisor desktop sends (.+)$/, function (this: GirWorld, input: string) {
  const line = INPUTS[input];
  if (line === undefined) throw new Error(`no malformed input called "${input}": ${Object.keys(INPUTS).join('; ')}`);
  const client = this.desktops.get('supervisor desktop');
  sentAt.set(this, { from: client.events.length, sentAtMs: client.sendLine(line), input });
});

Then('the supervisor desktop got EventError {word} naming {string}', async function (this: GirWorld, code: string, named: string) {
  const sent = sentAt.get(this);
  assert.ok(sent, 'no malformed input was sent');
  const client = this.desktops.get('supervisor desktop');
  const response = await client.waitFor((e) => RESPONSE_NAMES.has(e.event.message), this.tolerance.ctiResponseMs,
    () => new Error(`no response to ${sent.input} within tolerance.ctiResponseMs (${this.tolerance.ctiResponseMs} ms)${client.isClosed ? '; the SUT closed the connection' : ''}`), sent.from);
  const event = response.event as EventError;
  assert.equal(event.message, 'EventError', `${sent.input} got ${JSON.stringify(event)}`);
  assert.equal(event.errorCode, code, `errorCode for ${sent.input}: ${event.errorMessage}`);
  assert.ok(event.errorMessage.includes(named), `errorMessage must name the problem ("${named}"): "${event.errorMessage}"`);
  const responses = client.events.slice(sent.from).filter((e) => RESPONSE_NAMES.has(e.event.message));
  assert.equal(responses.length, 1, `one response to ${sent.input}, got ${responses.map((r) => r.event.message).join(', ')}`);
});

async function registersAgentDn(world: GirWorld, client: CtiClient, who: string): Promise<void> {
  assert.equal(client.isClosed, false, `the SUT closed ${who}'s connection`);
  const dn = world.party('agent').dn;
  const { event } = await client.send('RequestRegisterAddress', { thisDN: dn }, world.tolerance.ctiResponseMs).response;
  assert.equal(event.message, 'EventRegistered', `${who} could not register DN ${dn} afterwards: ${JSON.stringify(event)}`);
}

Then("the supervisor desktop can still register the agent's DN on the same connection", async function (this: GirWorld) {
  await registersAgentDn(this, this.desktops.get('supervisor desktop'), 'the supervisor desktop');
});

Then("a new desktop can still connect and register the agent's DN", async function (this: GirWorld) {
  const stage = await this.callControl();
  const client = await this.desktops.open('second desktop', stage.sut.ctiAddress);
  await registersAgentDn(this, client, 'a new desktop');
});
