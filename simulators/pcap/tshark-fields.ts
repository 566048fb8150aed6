/**
 * tshark as the independent reader of a capture: the exact command the pcap-read bench names as its
 * peer, and the SIP and RTP frame counts of its output (a frame with a SIP method or status code; a
 * frame with an RTP sequence number).
 */
import { spawn } from 'node:child_process';

export function tsharkArguments(file: string): string[] {
  return ['-n', '-r', file, '--enable-heuristic', 'rtp_udp', '-T', 'fields', '-e', 'sip.Method', '-e', 'sip.Status-Code', '-e', 'rtp.seq'];
}

export const TSHARK_COMMAND = 'tshark -n -r FILE --enable-heuristic rtp_udp -T fields -e sip.Method -e sip.Status-Code -e rtp.seq';

export interface TsharkCounts {
  frames: number;
  sipFrames: number;
  rtpFrames: number;
  wallMs: number;
}

export function tsharkCounts(file: string): Promise<TsharkCounts> {
  return new Promise((resolve, reject) => {
    const began = performance.now();
    const child = spawn('tshark', tsharkArguments(file), { stdio: ['ignore', 'pipe', 'pipe'] });
    const counts = { frames: 0, sipFrames: 0, rtpFrames: 0 };
    let rest = '';
    let stderr = '';
    const count = (line: string): void => {
      const [method, status, seq] = line.split('\t');
      counts.frames++;
      if (method || status) counts.sipFrames++;
      if (seq) counts.rtpFrames++;
    };
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) count(line);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error) => reject(new Error(`could not run tshark: ${error.message} (harness/setup.sh installs it)`)));
    child.on('close', (code) => {
      if (rest) count(rest);
      if (code !== 0) reject(new Error(`tshark exited ${code}: ${stderr.trim()}`));
      else resolve({ ...counts, wallMs: performance.now() - began });
    });
  });
}
