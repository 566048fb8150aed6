import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildMsml, MsmlMessage, parseMsml } from './msml-body';
import { formatRecordingUri, parseRecordingUri } from './recording-uri';
import { WireProfileError } from './wire-error';

test('every MSML message of the profile round-trips', () => {
  const messages: MsmlMessage[] = [
    { kind: 'dialogstart', session: '00a1b2c3d4e5f607-1', record: {} },
    { kind: 'dialogstart', session: 's-2', record: { dest: 'a&b "c"' } },
    { kind: 'command', session: 's-2', command: 'app.pause' },
    { kind: 'command', session: 's-2', command: 'app.resume' },
    { kind: 'command', session: 's-2', command: 'app.stop' },
    { kind: 'result', response: 200 },
    { kind: 'event', session: 's-2', event: 'app.recordStarted' },
  ];
  for (const message of messages) assert.deepEqual(parseMsml(buildMsml(message)), message);
});

test('MSML as other writers format it: single quotes, comments, whitespace', () => {
  const body = `<?xml version='1.0'?>\n<!-- pause -->\n<msml version='1.1'>\n  <send target='conn:abc/dialog:rec' event='app.pause'></send>\n</msml>`;
  assert.deepEqual(parseMsml(body), { kind: 'command', session: 'abc', command: 'app.pause' });
});

test('malformed MSML is a WireProfileError naming the problem', () => {
  const cases: [string, RegExp][] = [
    ['', /expected "<"/],
    ['<msml><send target="conn:a/dialog:rec" event="app.jump"/></msml>', /"app.jump" is not one of/],
    ['<msml><send target="a" event="app.stop"/></msml>', /target: "a" is not conn:<session>\/dialog/],
    ['<msml><dialogstart target="conn:a"/></msml>', /has no <record\/>/],
    ['<msml><send event="app.stop"></msml>', /<\/msml> closes <send>/],
    ['<msml>', /is not closed/],
    ['<foo/>', /root element is <foo>/],
    ['<msml/><x/>', /content after the root element/],
    ['<msml a="&bogus;"/>', /unknown entity/],
  ];
  for (const [body, expected] of cases) {
    assert.throws(() => parseMsml(body), (error: unknown) => error instanceof WireProfileError && expected.test(error.message), body);
  }
});

test('the recording Request-URI carries session, MS address, DN and tenant', () => {
  const uri = { session: '00a1b2c3d4e5f607-1', msHostPort: '127.0.0.1:20004', dn: '7001', tenantDbid: 1 };
  const text = formatRecordingUri(uri);
  assert.equal(text, 'sip:msml=00a1b2c3d4e5f607-1@127.0.0.1:20004;dn=7001;record;media-service=record;tenant-dbid=1');
  assert.deepEqual(parseRecordingUri(text), uri);
});

test('a Request-URI missing a required parameter names it', () => {
  assert.throws(() => parseRecordingUri('sip:msml=s@h:1;record;media-service=record;tenant-dbid=1'), /;dn: missing/);
  assert.throws(() => parseRecordingUri('sip:msml=s@h:1;dn=7001;media-service=record;tenant-dbid=1'), /;record: missing/);
  assert.throws(() => parseRecordingUri('sip:msml=s@h:1;dn=7001;record;tenant-dbid=1'), /;media-service: expected "record"/);
  assert.throws(() => parseRecordingUri('sip:msml=s@h:1;dn=7001;record;media-service=record'), /;tenant-dbid: expected a number/);
  assert.throws(() => parseRecordingUri('sip:7001@h:1'), /is not sip:msml=<session>/);
});
