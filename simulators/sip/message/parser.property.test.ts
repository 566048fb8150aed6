import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SipParseError } from '../errors';
import { compactBye, infoMsml, invite, notifySipfrag, ok200, refer, unauthorized401 } from '../test-support/messages';
import { INVALID_VECTORS, VALID_VECTORS } from '../test-support/rfc4475';
import { quote } from './cursor';
import { parseMessage } from './parser';
import { serializeMessage } from './serializer';
import { SipRequest } from './sip-request';

const token = fc.stringMatching(/^[A-Za-z0-9\-.!%*_+`'~]{1,12}$/);
const label = fc.stringMatching(/^[a-z0-9]{1,8}$/);
const host = fc.oneof(
  fc.array(label, { minLength: 1, maxLength: 3 }).map((l) => l.join('.')),
  fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((o) => o.join('.')),
  fc.array(fc.stringMatching(/^[0-9a-f]{1,4}$/), { minLength: 2, maxLength: 8 }).map((g) => `[${g.join(':')}::1]`),
);
const port = fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined });
const uriParam = fc.tuple(fc.stringMatching(/^[a-z][a-z0-9-]{0,6}$/), fc.option(fc.stringMatching(/^[a-zA-Z0-9.]{1,8}$/), { nil: undefined }));
const sipUri = fc
  .record({
    scheme: fc.constantFrom('sip', 'sips'),
    user: fc.option(fc.stringMatching(/^[A-Za-z0-9\-_.!~*'()&=+$,]{1,10}$/), { nil: undefined }),
    host,
    port,
    params: fc.array(uriParam, { maxLength: 3 }),
  })
  .map((u) => `${u.scheme}:${u.user ? `${u.user}@` : ''}${u.host}${u.port ? `:${u.port}` : ''}${u.params.map(([n, v]) => (v ? `;${n}=${v}` : `;${n}`)).join('')}`);
const displayName = fc.option(fc.string({ unit: fc.constantFrom(...'ab Z"\\é,;<>@:'.split('')), maxLength: 12 }), { nil: undefined });
const nameAddr = (tag: boolean) =>
  fc.record({ display: displayName, uri: sipUri, tag: fc.option(token, { nil: undefined }) }).map(
    (a) => `${a.display !== undefined ? `${quote(a.display)} ` : ''}<${a.uri}>${tag && a.tag ? `;tag=${a.tag}` : ''}`,
  );
const via = fc
  .record({ transport: fc.constantFrom('UDP', 'TCP'), host, port, branch: token, rport: fc.boolean() })
  .map((v) => `SIP/2.0/${v.transport} ${v.host}${v.port ? `:${v.port}` : ''};branch=z9hG4bK${v.branch}${v.rport ? ';rport' : ''}`);
const extraHeader = fc.tuple(
  fc.stringMatching(/^X-[A-Za-z0-9-]{1,10}$/),
  fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 30 }),
);

const message = fc
  .record({
    request: fc.boolean(),
    method: token,
    status: fc.integer({ min: 100, max: 699 }),
    reason: fc.stringMatching(/^[A-Za-z ]{0,12}[A-Za-z]$/),
    ruri: sipUri,
    vias: fc.array(via, { minLength: 1, maxLength: 3 }),
    from: nameAddr(true),
    to: nameAddr(true),
    callId: fc.stringMatching(/^[A-Za-z0-9\-.!%*_+`'~()<>:\\"/[\]?{}]{1,20}(@[a-z0-9.]{1,10})?$/),
    seq: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    contact: fc.option(nameAddr(false), { nil: undefined }),
    maxForwards: fc.integer({ min: 0, max: 255 }),
    extra: fc.array(extraHeader, { maxLength: 4 }),
    body: fc.uint8Array({ maxLength: 120 }),
  })
  .map((m) => {
    const head = [
      m.request ? `${m.method} ${m.ruri} SIP/2.0` : `SIP/2.0 ${m.status} ${m.reason}`,
      ...m.vias.map((v) => `Via: ${v}`),
      `Max-Forwards: ${m.maxForwards}`,
      `From: ${m.from}`,
      `To: ${m.to}`,
      `Call-ID: ${m.callId}`,
      `CSeq: ${m.seq} ${m.request ? m.method : 'INVITE'}`,
      ...(m.contact ? [`Contact: ${m.contact}`] : []),
      ...m.extra.map(([n, v]) => `${n}: ${v}`),
      `Content-Length: ${m.body.length}`,
    ];
    return { model: m, bytes: Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'utf8'), Buffer.from(m.body)]) };
  });

test('property: serialize(parse(x)) gives x back byte for byte, and the typed views hold the values', () => {
  fc.assert(
    fc.property(message, ({ model, bytes }) => {
      const parsed = parseMessage(bytes);
      assert.ok(serializeMessage(parsed).equals(bytes));
      assert.equal(parsed.via.length, model.vias.length);
      assert.equal(parsed.callId, model.callId);
      assert.equal(parsed.cseq.seq, model.seq);
      assert.equal(parsed.maxForwards, model.maxForwards);
      assert.equal(parsed.from.toString(), model.from);
      assert.deepEqual([...parsed.body], [...model.body]);
      if (parsed instanceof SipRequest) assert.equal(parsed.uri.toString(), model.ruri);
    }),
    { numRuns: 400 },
  );
});

test('property: parse(serialize(parse(x))) keeps every view for the torture and realistic messages', () => {
  const samples = [...VALID_VECTORS.map((v) => v.bytes), ...[invite(), ok200(), infoMsml(), refer(), notifySipfrag(), unauthorized401(), compactBye()].map((s) => Buffer.from(s))];
  for (const bytes of samples) {
    const once = parseMessage(bytes);
    const twice = parseMessage(serializeMessage(once));
    assert.equal(twice.startLine(), once.startLine());
    assert.deepEqual(twice.headers.entries(), once.headers.entries());
    assert.deepEqual(twice.via.map(String), once.via.map(String));
    assert.equal(twice.from.toString(), once.from.toString());
    assert.ok(twice.body.equals(once.body));
  }
});

function onlyTypedErrors(bytes: Uint8Array): void {
  try {
    parseMessage(Buffer.from(bytes));
  } catch (error) {
    if (!(error instanceof SipParseError)) throw error;
    assert.ok(error.offset >= 0 && error.offset <= bytes.length, `offset ${error.offset} outside the input`);
  }
}

test('property: random bytes parse or fail with SipParseError only', () => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), onlyTypedErrors), { numRuns: 1500 });
  const sipish = fc.array(fc.constantFrom('INVITE ', 'SIP/2.0', ' ', '\r\n', ':', ';', ',', '"', '\\', '<', '>', 'sip:', '@', 'Via', 'v', 'l: ', '0', '9', 'tag=', '\t', '%', '[', ']', 'é'), { maxLength: 80 });
  fc.assert(fc.property(sipish, (parts) => onlyTypedErrors(Buffer.from(parts.join(''), 'utf8'))), { numRuns: 1500 });
});

test('property: mutated real messages (flips, cuts, insertions) parse or fail with SipParseError only', () => {
  const seeds = [...VALID_VECTORS, ...INVALID_VECTORS].map((v) => v.bytes).concat([invite(), ok200(), refer()].map((s) => Buffer.from(s)));
  const mutation = fc.record({
    seed: fc.nat(seeds.length - 1),
    edits: fc.array(fc.tuple(fc.constantFrom('flip', 'cut', 'insert', 'truncate'), fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }),
  });
  fc.assert(
    fc.property(mutation, ({ seed, edits }) => {
      let bytes = Buffer.from(seeds[seed]);
      for (const [kind, at, value] of edits) {
        const i = bytes.length === 0 ? 0 : at % bytes.length;
        if (kind === 'flip' && bytes.length > 0) bytes[i] = value;
        else if (kind === 'cut') bytes = Buffer.concat([bytes.subarray(0, i), bytes.subarray(i + 1)]);
        else if (kind === 'insert') bytes = Buffer.concat([bytes.subarray(0, i), Buffer.from([value]), bytes.subarray(i)]);
        else bytes = bytes.subarray(0, i);
      }
      onlyTypedErrors(bytes);
    }),
    { numRuns: 2000 },
  );
});
