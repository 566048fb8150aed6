/**
 * `npm run bench -- sip-parse [--rounds N] [--ms N]`: messages/s through parse + serialize on a
 * corpus of realistic messages (bench/fixtures/sip), for simulators/sip and, in the same run,
 * for the npm package `sip` (parse + stringify) as the peer. Rounds alternate which goes first so
 * machine noise hits both; the figures are the medians. Ours validates the start line and Via,
 * From, To, Call-ID, CSeq, Contact, Max-Forwards, Content-Length (and Date) of every message.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseMessage } from '../simulators/sip/message/parser';
import { serializeMessage } from '../simulators/sip/message/serializer';
import { BenchMeasurement } from './lib/bench-result';

// The peer ships no types; its two calls are all this benchmark uses.
const peer = require('sip') as { parse(data: Buffer): unknown; stringify(message: unknown): string };
const peerVersion = (require('sip/package.json') as { version: string }).version;

const GOAL_RATIO = 1.5;

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  const value = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} needs a positive number`);
  return value;
}

function loadCorpus(): Array<{ name: string; bytes: Buffer }> {
  const dir = join(__dirname, 'fixtures', 'sip');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sip'))
    .sort()
    .map((f) => ({ name: f.slice(0, -4), bytes: readFileSync(join(dir, f)) }));
}

/** Messages per second of `work` over the corpus during about `ms` milliseconds. */
function measure(corpus: Buffer[], work: (b: Buffer) => { length: number }, ms: number): number {
  let messages = 0;
  let sink = 0;
  const start = process.hrtime.bigint();
  const limit = start + BigInt(Math.round(ms * 1e6));
  let now = start;
  while (now < limit) {
    for (let rep = 0; rep < 50; rep++) {
      for (const bytes of corpus) sink += work(bytes).length;
      messages += corpus.length;
    }
    now = process.hrtime.bigint();
  }
  if (sink === 0) throw new Error('benchmark produced no output');
  return (messages * 1e9) / Number(now - start);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export default async function sipParseBench(args: string[]): Promise<BenchMeasurement> {
  const rounds = option(args, '--rounds', 7);
  const ms = option(args, '--ms', 400);
  const corpus = loadCorpus();
  const ours = (b: Buffer): Buffer => serializeMessage(parseMessage(b));
  const theirs = (b: Buffer): string => peer.stringify(peer.parse(b));
  for (const { name, bytes } of corpus) {
    if (!ours(bytes).equals(bytes)) throw new Error(`${name}: our round trip is not byte-exact`);
    if (!peer.parse(bytes)) throw new Error(`${name}: the peer cannot parse it`);
  }
  const buffers = corpus.map((c) => c.bytes);
  // Warm-up long enough for the JIT to settle on both (ours has more functions to optimise).
  const warmUp = Math.max(1500, 2 * ms);
  measure(buffers, ours, warmUp);
  measure(buffers, theirs, warmUp);
  const oursRates: number[] = [];
  const peerRates: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? [true, false] : [false, true];
    for (const isOurs of order) {
      if (isOurs) oursRates.push(measure(buffers, ours, ms));
      else peerRates.push(measure(buffers, theirs, ms));
    }
  }
  const value = Math.round(median(oursRates));
  const peerValue = Math.round(median(peerRates));
  return {
    name: 'sip-parse',
    unit: 'messages/s',
    value,
    higherIsBetter: true,
    goal: Math.round(GOAL_RATIO * peerValue),
    peer: { name: 'sip (npm)', version: peerVersion, value: peerValue },
    details: {
      corpus: corpus.map((c) => `${c.name} (${c.bytes.length} B)`),
      rounds,
      msPerRound: ms,
      goalRatio: GOAL_RATIO,
      oursPerRound: oursRates.map(Math.round),
      peerPerRound: peerRates.map(Math.round),
      strictHeaders: ['start line', 'Via', 'From', 'To', 'Call-ID', 'CSeq', 'Contact', 'Max-Forwards', 'Content-Length', 'Date'],
    },
  };
}
