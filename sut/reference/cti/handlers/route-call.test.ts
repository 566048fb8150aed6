import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseProfile } from '../../../../profiles/load-profile';
import { ManualClock } from '../../../../simulators/time/manual-clock';
import { AgentSessions } from '../../agents/agent-sessions';
import { Call } from '../../call/call';
import { CallEvents } from '../../call/call-events';
import { CallRegistry } from '../../call/call-registry';
import { FAITHFUL } from '../../deviations';
import { Directory } from '../../directory';
import { MediaRelay } from '../../media/media-relay';
import { SelectiveRecordings } from '../../recording/policies/selective';
import { RecordingController } from '../../recording/recording-controller';
import { RouteOutcome, RoutingPoints } from '../../routing/routing-points';
import { CtiClientSession } from '../client-session';
import { CtiDispatcher, CtiResponse } from '../dispatcher';

const WAITING = '00000000000000a1';
const OTHER = '00000000000000a2';
/** No call is transferred in these tests. */
const NO_TRANSFERS = { canReach: () => false, singleStep: () => undefined };

function setUp() {
  const directory = new Directory(parseProfile({
    directory: [
      { role: 'rp', type: 'RoutingPoint', dn: '5000' },
      { role: 'rp2', type: 'RoutingPoint', dn: '5001' },
      { role: 'a', type: 'Extension', dn: '7001', record: true },
      { role: 't', type: 'TrunkGroup', dn: '9000' },
    ],
  }).directory);
  const clock = new ManualClock();
  const calls = new CallRegistry();
  const agents = new AgentSessions();
  const events = new CallEvents();
  const routeRequests: string[] = [];
  events.subscribe({ routeRequest: (call, dn) => routeRequests.push(`${call.connId}@${dn}`) });
  const routingPoints = new RoutingPoints(clock, 10_000, () => true, events);
  const selective = new SelectiveRecordings(agents, FAITHFUL.selective);
  const recordings = new RecordingController({} as never, directory, agents, FAITHFUL);
  const dispatcher = new CtiDispatcher({ directory, calls, recordings, agents, routingPoints, selective, transfers: NO_TRANSFERS, callControl: { hangUp: () => assert.fail('no call is hung up here') }, dynamic: { requireParty: true, defaultSide: 'source' }, deviations: FAITHFUL }, FAITHFUL.cti);
  const outcomes = new Map<string, RouteOutcome>();
  const park = (connId: string) => {
    const call = new Call(connId, {} as MediaRelay);
    call.addLeg('caller', { dn: '9000', kind: 'trunk' });
    calls.add(call);
    void routingPoints.wait(call, directory.dn('5000') as never).then((outcome) => outcomes.set(connId, outcome));
    return call;
  };
  const client = new CtiClientSession(1, () => undefined);
  client.register('5000');
  client.register('5001');
  let referenceId = 0;
  const route = (fields: Record<string, unknown>): CtiResponse => {
    const [response] = dispatcher.dispatch({ kind: 'line', text: JSON.stringify({ message: 'RequestRouteCall', referenceId: ++referenceId, thisDN: '5000', connId: WAITING, otherDN: '7001', ...fields }) }, client);
    return response;
  };
  return { clock, park, route, outcomes, selective, routeRequests, calls };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

test('RequestRouteCall routes the waiting call: EventACK, then the wait ends with otherDN', async () => {
  const { park, route, outcomes, routeRequests } = setUp();
  park(WAITING);
  assert.deepEqual(routeRequests, [`${WAITING}@5000`], 'EventRouteRequest went out');
  const response = route({ extensions: { record: 'destination', id: 'r-1', dest: 'sel/eu' } });
  assert.equal(response.message, 'EventACK', JSON.stringify(response));
  await tick();
  assert.deepEqual(outcomes.get(WAITING), { kind: 'routed', otherDn: '7001', by: 'request' });
});

test('refusals in rule 8 precedence: DN not registered, unknown call, otherDN, record value, duplicate id, not waiting there', async () => {
  const { park, route, selective } = setUp();
  park(WAITING);
  const code = (fields: Record<string, unknown>) => route(fields).errorCode;
  assert.equal(code({ thisDN: '5999' }), 'DnNotRegistered');
  assert.equal(code({ connId: '00000000000000ff' }), 'UnknownConnId');
  assert.equal(code({ otherDN: '5999', extensions: { record: 'x' } }), 'InvalidValue', 'an inbound call cannot go to a number outside the directory');
  assert.equal(code({ extensions: { record: 'source' } }), 'InvalidValue');
  assert.equal(code({ extensions: { id: 7 } }), 'BadField');
  selective.liveIds.reserve('taken', OTHER);
  assert.equal(code({ thisDN: '5001', extensions: { record: 'destination', id: 'taken' } }), 'DuplicateId', 'DuplicateId comes before InvalidState');
  assert.equal(code({ thisDN: '5001', extensions: { record: 'destination', id: 'free' } }), 'InvalidState', 'the call waits at 5000, not 5001');
  assert.equal(selective.liveIds.isLive('free'), false, 'a refused request reserves nothing');
});

test('an id is live from the EventACK until the call is released without a recording; a live one is refused', async () => {
  const { park, route, selective, calls } = setUp();
  const first = park(WAITING);
  assert.equal(route({ extensions: { record: 'destination', id: 'r-2' } }).message, 'EventACK');
  assert.ok(selective.liveIds.isLive('r-2'));
  park(OTHER);
  assert.equal(route({ connId: OTHER, extensions: { record: 'destination', id: 'r-2' } }).errorCode, 'DuplicateId');
  assert.equal(route({ connId: OTHER, extensions: { record: 'disable_destination', id: 'r-2' } }).message, 'EventACK', 'ids without record=destination are not checked');
  calls.remove(first);
  selective.released(first);
  assert.equal(selective.liveIds.isLive('r-2'), false);
});

test('with no RequestRouteCall within routeTimeoutMs the call goes to defaultDN, else 480', async () => {
  const { clock, park, outcomes } = setUp();
  park(WAITING);
  clock.advance(10_000);
  await tick();
  assert.equal(outcomes.get(WAITING)?.kind, 'refused');
  assert.equal((outcomes.get(WAITING) as { status: number }).status, 480);
});
