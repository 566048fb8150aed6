import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineFramer } from './line-framer';

const lines = (framer: LineFramer, ...chunks: string[]) => chunks.flatMap((c) => framer.push(Buffer.from(c)));

test('lines split across chunks and joined in one come out whole, CR LF and blank lines tolerated', () => {
  const framer = new LineFramer();
  assert.deepEqual(lines(framer, '{"a":', '1}\n{"b"', ':2}\r\n\n{"c":3}\n{"d"'), [
    { kind: 'line', text: '{"a":1}' }, { kind: 'line', text: '{"b":2}' }, { kind: 'line', text: '{"c":3}' },
  ]);
  assert.deepEqual(lines(framer, ':4}\n'), [{ kind: 'line', text: '{"d":4}' }]);
});

test('a line of exactly the limit passes; one byte more is LineTooLong once, the rest of it discarded', () => {
  const framer = new LineFramer(10);
  assert.deepEqual(lines(framer, `${'x'.repeat(10)}\n`), [{ kind: 'line', text: 'x'.repeat(10) }]);
  const out = lines(framer, 'y'.repeat(6), 'y'.repeat(5), 'y'.repeat(30), 'yy\nok\n');
  assert.deepEqual(out, [{ kind: 'tooLong', bytes: 11 }, { kind: 'line', text: 'ok' }]);
});

test('the limit counts UTF-8 bytes, not characters', () => {
  const framer = new LineFramer(10);
  assert.equal(lines(framer, `${'é'.repeat(5)}\n`)[0].kind, 'line'); // 10 bytes
  assert.equal(lines(framer, `${'é'.repeat(6)}\n`)[0].kind, 'tooLong'); // 12 bytes
});

test('a long line that arrives with its newline in one chunk is still refused', () => {
  const framer = new LineFramer(8);
  assert.deepEqual(lines(framer, `${'z'.repeat(20)}\n{"n":1}\n`), [{ kind: 'tooLong', bytes: 20 }, { kind: 'line', text: '{"n":1}' }]);
});
