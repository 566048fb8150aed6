import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../../simulators/time/manual-clock';
import { Call } from '../call/call';
import { CallEvents } from '../call/call-events';
import { MediaRelay } from '../media/media-relay';
import { RoutingPointEntry, RoutingPoints } from './routing-points';

const rp = (defaultDN: string | null): RoutingPointEntry => ({ role: 'rp', type: 'RoutingPoint', dn: '5000', defaultDN, record: false, screen: false });
const call = () => new Call('00000000000000a1', {} as MediaRelay);

test('with no client registered the call goes at once to defaultDN, or gets 480, and no EventRouteRequest is raised (rule 24)', async () => {
  const events = new CallEvents();
  const raised: string[] = [];
  events.subscribe({ routeRequest: (_c, dn) => raised.push(dn) });
  const points = new RoutingPoints(new ManualClock(), 10_000, () => false, events);
  assert.deepEqual(await points.wait(call(), rp('7001')), { kind: 'routed', otherDn: '7001', by: 'default' });
  const refused = await points.wait(call(), rp(null));
  assert.equal(refused.kind === 'refused' && refused.status, 480);
  assert.deepEqual(raised, []);
});

test('after routeTimeoutMs without RequestRouteCall the call goes to defaultDN; a CANCEL ends the wait with 487', async () => {
  const clock = new ManualClock();
  const points = new RoutingPoints(clock, 10_000, () => true, new CallEvents());
  const timedOut = points.wait(call(), rp('7001'));
  clock.advance(9_999);
  assert.equal(points.waitingAt('00000000000000a1'), '5000');
  clock.advance(1);
  assert.deepEqual(await timedOut, { kind: 'routed', otherDn: '7001', by: 'default' });
  assert.equal(points.waitingAt('00000000000000a1'), undefined);
  const cancelled = points.wait(call(), rp('7001'));
  points.cancel('00000000000000a1');
  const outcome = await cancelled;
  assert.equal(outcome.kind === 'refused' && outcome.status, 487);
});
