import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readRequest } from './protocol';

const CONN = '00a1b2c3d4e5f607';
const codeOf = (line: string) => {
  const read = readRequest(line);
  return 'error' in read ? read.error.errorCode : 'ok';
};

test('malformed JSON and non-objects are BadJson with referenceId null', () => {
  for (const line of ['{"message":', 'nonsense', '[1,2]', '42', 'null', '"RequestRegisterAddress"']) {
    const read = readRequest(line);
    assert.ok('error' in read, line);
    assert.equal(read.error.errorCode, 'BadJson', line);
    assert.equal(read.envelope.referenceId, null);
  }
});

test('an unknown message is UnknownMessage, also before any field problem (precedence)', () => {
  assert.equal(codeOf('{"message":"RequestTeleport","referenceId":1}'), 'UnknownMessage');
  assert.equal(codeOf('{"message":"RequestTeleport","referenceId":"x","reasons":[]}'), 'UnknownMessage');
  assert.equal(codeOf('{"message":"toString","referenceId":1}'), 'UnknownMessage');
});

test('missing or mistyped fields are BadField naming the field', () => {
  const cases: [string, string][] = [
    ['{"referenceId":1}', 'message'],
    ['{"message":"RequestRegisterAddress","thisDN":"7001"}', 'referenceId'],
    ['{"message":"RequestRegisterAddress","referenceId":1.5,"thisDN":"7001"}', 'referenceId'],
    ['{"message":"RequestRegisterAddress","referenceId":1,"thisDN":7001}', 'thisDN'],
    ['{"message":"RequestRegisterAddress","referenceId":1,"thisDN":"7001","reasons":"PCI"}', 'reasons'],
    ['{"message":"RequestRegisterAddress","referenceId":1,"thisDN":"7001","extensions":[]}', 'extensions'],
    [`{"message":"RequestPrivateService","referenceId":1,"privateMsgId":3013,"thisDN":"7001","connId":"abc"}`, 'connId'],
    [`{"message":"RequestPrivateService","referenceId":1,"privateMsgId":"3013","thisDN":"7001","connId":"${CONN}"}`, 'privateMsgId'],
    [`{"message":"RequestPrivateService","referenceId":1,"privateMsgId":3013,"thisDN":"7001","connId":"${CONN}","extensions":{"partitions":["a"]}}`, 'extensions.partitions'],
  ];
  for (const [line, field] of cases) {
    const read = readRequest(line);
    assert.ok('error' in read, line);
    assert.equal(read.error.errorCode, 'BadField', line);
    assert.match(read.error.message, new RegExp(`^${field.replace('.', '\\.')}:`), line);
  }
});

test('partitions on 3014-3016 are ignored whatever their type (rule 4)', () => {
  for (const privateMsgId of [3014, 3015, 3016]) {
    assert.equal(codeOf(`{"message":"RequestPrivateService","referenceId":1,"privateMsgId":${privateMsgId},"thisDN":"7001","connId":"${CONN}","extensions":{"partitions":[1]}}`), 'ok');
  }
});

test('the envelope keeps a readable referenceId and object reasons, even for a refused request', () => {
  const read = readRequest('{"message":"RequestTeleport","referenceId":9,"reasons":{"why":"PCI"}}');
  assert.deepEqual(read.envelope, { referenceId: 9, reasons: { why: 'PCI' } });
  assert.deepEqual(readRequest('{"message":"RequestTeleport","referenceId":"9","reasons":["PCI"]}').envelope, { referenceId: null });
});

test('a request of the protocol this SUT does not serve yet is NotSupported, not UnknownMessage', () => {
  assert.equal(codeOf('{"message":"RequestMakeCall","referenceId":1,"thisDN":"7001","otherDN":"7002"}'), 'NotSupported');
  assert.equal(codeOf('{"message":"RequestRouteCall","referenceId":2}'), 'BadField', 'served now: its fields are judged');
  assert.equal(codeOf('{"message":"RequestReleaseCall","referenceId":3,"thisDN":"7001"}'), 'BadField', 'served now: connId is required');
});
