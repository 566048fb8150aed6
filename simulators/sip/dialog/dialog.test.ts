import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../time/manual-clock';
import { SipStateError } from '../errors';
import { NameAddr } from '../message/name-addr';
import { SipRequest } from '../message/sip-request';
import { Uri } from '../message/uri';
import { DEFAULT_TIMERS } from '../transaction/timer-settings';
import { Dialog, DialogPhase } from './dialog';
import { DialogCore } from './dialog-core';
import { DialogState } from './dialog-state';

function dialogWith(routeSet: string[], role: 'uac' | 'uas' = 'uac', phase = DialogPhase.Confirmed): { dialog: Dialog; sent: Array<{ request: SipRequest; hop: Uri }> } {
  const sent: Array<{ request: SipRequest; hop: Uri }> = [];
  const core: DialogCore = {
    clock: new ManualClock(),
    timers: DEFAULT_TIMERS,
    sendRequest: (request, hop) => void sent.push({ request, hop }),
    sendAck: (request, hop) => void sent.push({ request, hop }),
    forget: () => undefined,
  };
  const state: DialogState = {
    callId: 'c1',
    localTag: 'l1',
    remoteTag: 'r1',
    localSeq: 10,
    localUri: NameAddr.parse('<sip:alice@a.example>'),
    remoteUri: NameAddr.parse('<sip:bob@b.example>'),
    remoteTarget: NameAddr.parse('<sip:bob@192.0.2.4:5062>').uri,
    routeSet: routeSet.map((r) => NameAddr.parse(r)),
    secure: false,
  };
  return { dialog: new Dialog(role, state, phase as DialogPhase.Confirmed, NameAddr.parse('<sip:alice@192.0.2.1>'), core), sent };
}

test('in-dialog requests: CSeq increments, tags and Call-ID come from the dialog', () => {
  const { dialog } = dialogWith([]);
  const info = dialog.createRequest('INFO');
  const bye = dialog.createRequest('BYE');
  assert.equal(info.cseq.seq, 11);
  assert.equal(bye.cseq.seq, 12);
  assert.equal(info.from.tag, 'l1');
  assert.equal(info.to.tag, 'r1');
  assert.equal(info.callId, 'c1');
  assert.equal(info.uri.toString(), 'sip:bob@192.0.2.4:5062');
  assert.equal(info.headers.has('Route'), false);
});

test('loose routing: Request-URI is the remote target, Route is the route set, next hop the first route', () => {
  const { dialog, sent } = dialogWith(['<sip:p1.example;lr>', '<sip:p2.example;lr>']);
  void dialog.request('INFO');
  assert.equal(sent[0].request.uri.toString(), 'sip:bob@192.0.2.4:5062');
  assert.deepEqual(sent[0].request.headers.getFields('Route'), ['<sip:p1.example;lr>', '<sip:p2.example;lr>']);
  assert.equal(sent[0].hop.toString(), 'sip:p1.example;lr');
});

test('strict routing (RFC 3261 12.2.1.1): first route becomes the Request-URI, remote target goes last', () => {
  const { dialog } = dialogWith(['<sip:p1.example>', '<sip:p2.example;lr>']);
  const request = dialog.createRequest('INFO');
  assert.equal(request.uri.toString(), 'sip:p1.example');
  assert.deepEqual(request.headers.getFields('Route'), ['<sip:p2.example;lr>', '<sip:bob@192.0.2.4:5062>']);
});

test('the callee may not BYE an early dialog; terminated dialogs refuse requests', () => {
  const { dialog } = dialogWith([], 'uas', DialogPhase.Early);
  assert.throws(() => dialog.bye(), SipStateError);
  dialog.terminate({ reason: 'rejected' });
  assert.throws(() => dialog.request('INFO'), SipStateError);
  assert.equal(dialog.termination?.reason, 'rejected');
});
