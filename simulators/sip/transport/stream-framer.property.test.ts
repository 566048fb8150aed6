import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compactBye, infoMsml, invite, notifySipfrag, ok200 } from '../test-support/messages';
import { StreamFramer } from './stream-framer';
import { DEFAULT_LIMITS } from './transport';

test('property: any split of a pipelined stream yields the same messages in order', () => {
  const corpus = [invite(), ok200(), infoMsml(), notifySipfrag(), compactBye()];
  fc.assert(
    fc.property(
      fc.array(fc.nat(corpus.length - 1), { minLength: 1, maxLength: 6 }),
      fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 40 }),
      fc.boolean(),
      (picks, cuts, keepalives) => {
        const messages = picks.map((i) => corpus[i]);
        const stream = Buffer.from(messages.map((m) => (keepalives ? `\r\n${m}` : m)).join(''));
        const out: string[] = [];
        const framer = new StreamFramer(DEFAULT_LIMITS, (m) => out.push(m.toString()), (e) => assert.fail(e.message));
        let pos = 0;
        for (let i = 0; pos < stream.length; i++) {
          const size = cuts[i % cuts.length];
          framer.push(stream.subarray(pos, pos + size));
          pos += size;
        }
        assert.deepEqual(out, messages);
        assert.equal(framer.buffered, 0);
      },
    ),
    { numRuns: 300 },
  );
});
