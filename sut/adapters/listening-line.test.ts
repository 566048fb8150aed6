import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findListeningLine, LISTENING_LINE } from './listening-line';

test('the start-up line is the first whole line with "listening" and an ip:port, its addresses in order', () => {
  const log = 'booting\nreference SUT listening on sip 127.0.0.1:5071, cti 127.0.0.1:7001\nlistening 127.0.0.1:9\n';
  assert.deepEqual(findListeningLine(log), {
    line: 'reference SUT listening on sip 127.0.0.1:5071, cti 127.0.0.1:7001',
    addresses: [{ host: '127.0.0.1', port: 5071 }, { host: '127.0.0.1', port: 7001 }],
  });
});

test('no start-up line yet: a line still being written, "listening" without an address, an address without "listening"', () => {
  assert.equal(findListeningLine('listening on 127.0.0.1:50'), undefined);
  assert.equal(findListeningLine('listening soon\nbound 127.0.0.1:5060\n'), undefined);
});

test('the log wait of a container matches exactly the lines the parser takes', () => {
  for (const line of ['listening 127.0.0.1:5060', 'SIP 127.0.0.1:5060 LISTENING', 'listening on [::1]:5060']) {
    assert.equal(LISTENING_LINE.test(line), true, line);
    assert.notEqual(findListeningLine(`${line}\n`), undefined, line);
  }
  for (const line of ['listening', 'started 127.0.0.1:5060']) {
    assert.equal(LISTENING_LINE.test(line), false, line);
    assert.equal(findListeningLine(`${line}\n`), undefined, line);
  }
});
