import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HEADER, normalisePartitions, readRecordingParameters, recordingHeaders, RecordingParameters } from './recording-headers';

const lookup = (headers: [string, string][]) => (name: string) => headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];

test('parameters round-trip through headers, optional ones only when set', () => {
  const minimal: RecordingParameters = { connId: '00a1b2c3d4e5f607', side: 'destination', partitions: [] };
  assert.deepEqual(recordingHeaders(minimal).map(([n]) => n), [HEADER.connId, HEADER.side]);
  assert.deepEqual(readRecordingParameters(lookup(recordingHeaders(minimal))), { ...minimal, recordId: undefined, dest: undefined, agentId: undefined });
  const full: RecordingParameters = { connId: 'c', side: 'source', recordId: 'r1', partitions: ['sales', 'eu'], dest: 'a/b', agentId: 'a100' };
  assert.deepEqual(readRecordingParameters(lookup(recordingHeaders(full))), full);
});

test('partitions are split, trimmed, emptied items dropped, order kept', () => {
  assert.deepEqual(normalisePartitions(' sales, ,eu,,  us '), ['sales', 'eu', 'us']);
  assert.deepEqual(normalisePartitions(' , '), []);
});

test('missing required headers are named', () => {
  assert.throws(() => readRecordingParameters(lookup([[HEADER.side, 'source']])), /X-Genesys-ConnID: missing/);
  assert.throws(() => readRecordingParameters(lookup([[HEADER.connId, 'c']])), /X-Genesys-Record-Side: missing/);
  assert.throws(() => readRecordingParameters(lookup([[HEADER.connId, 'c'], [HEADER.side, 'agent']])), /"agent" is not source or destination/);
});
