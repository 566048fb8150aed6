import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSdp } from '../sip';
import { recordingHeaders } from './recording-headers';
import { checkRecordingInvite, ExpectedRecordingInvite, ReceivedRecordingInvite } from './recording-invite-check';
import { formatRecordingUri } from './recording-uri';

const expected: ExpectedRecordingInvite = {
  dn: '7001', tenantDbid: 1, connId: '00a1b2c3d4e5f607', side: 'destination', agentId: 'a100', partitions: null, dest: null, recordId: null,
};

function invite(change: { uri?: string; drop?: string; add?: [string, string]; sdp?: string } = {}): ReceivedRecordingInvite {
  const headers = new Map(recordingHeaders({ connId: expected.connId, side: 'destination', partitions: [], agentId: 'a100' }));
  if (change.drop) headers.delete(change.drop);
  if (change.add) headers.set(...change.add);
  const sdp = buildSdp({ address: '127.0.0.1', media: [1, 2].map((label) => ({ port: 40000 + label * 2, direction: 'sendonly' as const, label: String(label), codecs: ['PCMU' as const, 'PCMA' as const] })) });
  return {
    uri: change.uri ?? formatRecordingUri({ session: `${expected.connId}-1`, msHostPort: '127.0.0.1:5090', dn: '7001', tenantDbid: 1 }),
    header: (name) => headers.get(name),
    body: change.sdp ?? sdp,
  };
}

test('a conforming recording INVITE has no finding', () => {
  assert.deepEqual(checkRecordingInvite(invite(), expected), []);
});

test('each missing or wrong parameter is named with the value expected', () => {
  assert.deepEqual(checkRecordingInvite(invite({ drop: 'X-Genesys-ConnID' }), expected), [`X-Genesys-ConnID: missing, expected "${expected.connId}"`]);
  assert.deepEqual(checkRecordingInvite(invite({ drop: 'X-Genesys-Agent-Id' }), expected), ['X-Genesys-Agent-Id: missing, expected "a100"']);
  assert.deepEqual(checkRecordingInvite(invite({ add: ['X-Genesys-Dest', 'x'] }), expected), ['X-Genesys-Dest: "x", expected absent (not requested)']);
  assert.deepEqual(checkRecordingInvite(invite({ add: ['X-Genesys-Partitions', 'a,b'] }), { ...expected, partitions: ['a', 'b', 'c'] }), ['X-Genesys-Partitions: "a,b", expected "a,b,c"']);
  const uri = 'sip:msml=s-1@127.0.0.1:5090;dn=7002;media-service=play;tenant-dbid=2';
  assert.deepEqual(checkRecordingInvite(invite({ uri }), expected), [
    'Request-URI ;dn: "7002", expected "7001"',
    'Request-URI ;record: missing, expected the flag ;record',
    'Request-URI ;media-service: "play", expected "record"',
    'Request-URI ;tenant-dbid: "2", expected "1"',
  ]);
});

test('the offer must hold two sendonly m=audio lines labelled 1 and 2, each with PCMU and PCMA', () => {
  const one = buildSdp({ address: '127.0.0.1', media: [{ port: 40002, direction: 'sendrecv', label: '1', codecs: ['PCMU'] }] });
  assert.deepEqual(checkRecordingInvite(invite({ sdp: one }), expected), [
    'SDP offer: 1 m=audio line(s), expected 2',
    'SDP offer a=label:1: direction sendrecv, expected sendonly',
    'SDP offer a=label:1: codecs PCMU, expected PCMA among them',
    'SDP offer a=label:2: missing, expected one m=audio line with it (labels seen: 1)',
  ]);
});
