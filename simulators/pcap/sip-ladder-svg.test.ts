import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CapturedSip } from './capture-reader';
import { renderSipLadderSvg } from './sip-ladder-svg';

const at = (port: number) => ({ host: '127.0.0.1', port });
const message = (timeUs: number, from: number, to: number, fields: Partial<CapturedSip>): CapturedSip => ({ timeUs, protocol: 'udp', source: at(from), destination: at(to), detail: '', ...fields });

test('sip ladder svg: a column per party (named where known), an arrow per message with its time', () => {
  const svg = renderSipLadderSvg([
    message(1_000_000, 20010, 20001, { method: 'INVITE' }),
    message(1_002_500, 20001, 20010, { status: 200, detail: 'OK' }),
  ], new Map([['127.0.0.1:20001', 'SUT']]));
  assert.match(svg, /^<svg /);
  assert.match(svg, />SUT \(127\.0\.0\.1:20001\)</);
  assert.match(svg, />127\.0\.0\.1:20010</);
  assert.match(svg, />INVITE</);
  assert.match(svg, />200 OK</);
  assert.match(svg, />2\.5</);
  assert.equal(svg.match(/marker-end/g)?.length, 2);
});
