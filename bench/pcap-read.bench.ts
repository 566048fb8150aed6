/**
 * `npm run bench -- pcap-read [--rounds N]`: frames per second through the capture reader
 * (simulators/pcap: pcap-parser, then this project's link, IP, UDP/TCP, SIP and RTP decoding),
 * extracting per frame the SIP method or status and the RTP sequence number, over a capture of more
 * than 200,000 SIP and RTP frames. The peer, run in the same run on the same file, is exactly
 * `tshark -n -r FILE --enable-heuristic rtp_udp -T fields -e sip.Method -e sip.Status-Code -e rtp.seq`;
 * SIP and RTP frame counts must equal the peer's, or the bench fails. Goal: ≥ 5× tshark.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BenchMeasurement } from './lib/bench-result';
import { syntheticCallCapture } from './lib/synthetic-call-capture';
import { readCapture } from '../simulators/pcap/capture-reader';
import { TSHARK_COMMAND, tsharkCounts } from '../simulators/pcap/tshark-fields';

const GOAL_RATIO = 5;

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export default async function pcapReadBench(args: string[]): Promise<BenchMeasurement> {
  const rounds = Number(args[args.indexOf('--rounds') + 1] ?? 0) || 3;
  const dir = mkdtempSync(join(tmpdir(), 'gir-pcap-read-'));
  try {
    const synthetic = syntheticCallCapture({ calls: 500, framesPerStream: 110 });
    const file = join(dir, 'calls.pcap');
    writeFileSync(file, synthetic.file);
    const ours: number[] = [];
    let capture = await readCapture(file); // warm-up, and the counts
    for (let round = 0; round < rounds; round++) {
      const started = performance.now();
      capture = await readCapture(file);
      ours.push(performance.now() - started);
    }
    const theirs: number[] = [];
    let peer = await tsharkCounts(file);
    for (let round = 0; round < rounds; round++) {
      peer = await tsharkCounts(file);
      theirs.push(peer.wallMs);
    }
    if (capture.sip.length !== peer.sipFrames || capture.rtp.length !== peer.rtpFrames) {
      throw new Error(`counts differ from tshark's: reader ${capture.sip.length} SIP, ${capture.rtp.length} RTP; tshark ${peer.sipFrames} SIP, ${peer.rtpFrames} RTP`);
    }
    const frames = capture.frames;
    const version = /TShark \(Wireshark\) ([\d.]+)/.exec(spawnSync('tshark', ['-v'], { encoding: 'utf8' }).stdout)?.[1] ?? 'unknown';
    return {
      name: 'pcap-read',
      unit: 'frames/s',
      value: Math.round(frames / (median(ours) / 1000)),
      higherIsBetter: true,
      peer: { name: 'tshark', version, value: Math.round(frames / (median(theirs) / 1000)), command: TSHARK_COMMAND },
      goalRatio: GOAL_RATIO,
      details: {
        frames, sipFrames: capture.sip.length, rtpFrames: capture.rtp.length, rounds,
        readerMs: ours.map(Math.round), tsharkMs: theirs.map(Math.round),
        capture: 'synthetic loopback capture written by simulators/pcap (Ethernet, IPv4/UDP): 500 calls, SIP of the call and its recording, 4 RTP streams of 110 frames each',
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
