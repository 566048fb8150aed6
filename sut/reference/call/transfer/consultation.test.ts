import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Dialog } from '../../../../simulators/sip';
import { MediaRelay } from '../../media/media-relay';
import { Call } from '../call';
import { CallRegistry } from '../call-registry';
import { legReplaced } from './consultation';
import { TransferContext } from './transfer-context';

/** A dialog as legReplaced sees it: only its identifiers (no SIP traffic in this test). */
const dialog = (callId: string, localTag: string, remoteTag: string) => ({ callId, localTag, remoteTag }) as unknown as Dialog;

function setUp() {
  const calls = new CallRegistry();
  const held = new Call('00000000000000b1', {} as MediaRelay);
  held.addLeg('caller', { dn: '9000', kind: 'trunk' }).dialog = dialog('c1', 's1', 'p1');
  held.addLeg('callee', { dn: '7001', kind: 'agent' }).dialog = dialog('c2', 's2', 'p2');
  const consult = new Call('00000000000000b2', {} as MediaRelay);
  consult.addLeg('caller', { dn: '7001', kind: 'agent' }).dialog = dialog('c3', 's3', 'p3');
  consult.addLeg('callee', { dn: '7002', kind: 'agent' }).dialog = dialog('c4', 's4', 'p4');
  calls.add(held);
  calls.add(consult);
  return { context: { calls } as unknown as TransferContext, consult };
}

test("Replaces names our dialog by its Call-ID, to-tag = our local tag and from-tag = our remote tag (RFC 3891)", () => {
  const { context, consult } = setUp();
  const found = legReplaced(context, { callId: 'c3', toTag: 's3', fromTag: 'p3', earlyOnly: false });
  assert.equal(found?.call, consult);
  assert.equal(found?.leg.name, 'caller');
});

test('tags seen the wrong way round, or another Call-ID, name no dialog', () => {
  const { context } = setUp();
  assert.equal(legReplaced(context, { callId: 'c3', toTag: 'p3', fromTag: 's3', earlyOnly: false }), undefined);
  assert.equal(legReplaced(context, { callId: 'c9', toTag: 's3', fromTag: 'p3', earlyOnly: false }), undefined);
});
