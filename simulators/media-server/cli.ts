/**
 * `npm run media-server -- --listen <ip:port> --root <dir> [--profile <file>]`: the fake Media
 * Server alone, as a process or in a container. Prints one line containing `listening` and its
 * SIP address when ready; SIGINT/SIGTERM stop every live recording (files written) and exit 0.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadProfile } from '../../profiles/load-profile';
import { formatHostPort, parseHostPort } from '../net/host-port';
import { FakeMediaServer } from './media-server';
import { PortBlock } from '../net/port-block';
import { collectGarbage, recordOnce } from '../warm-up/harness-warm-up';

const HELP = `usage: npm run media-server -- --listen <ip:port> --root <dir> [--dated-folders] [--profile <file>] [--cold]

The fake Media Server of gir-conformance (wire profile gir-msml): takes recording INVITEs with two
labelled m-lines, writes <root>/<dest>/<id>.wav (stereo, 8 kHz, 16-bit, channel 1 = party side)
and <id>.json, pads pauses and media gaps with silence.

  --listen <ip:port>   SIP address (UDP and TCP); port 0 takes a free port (default 127.0.0.1:0)
  --root <dir>         recordings root (created if missing; required)
  --dated-folders      file each recording under a folder of its day (UTC):
                       <root>/[<dest>/]<YYYY-MM-DD>/<id>.wav, as many real recorders do
  --profile <file>     take wire.startOn and ms.duplicateIdStatus/badDestStatus from this profile
  --cold               skip the start-up warm-up: before it says it listens, the server records
                       one short session of its own (about 1 s) so that V8 has compiled its paths
                       when the first real session comes, as a recorder in service would have
  -h, --help           this text

Environment: GIR_MUTANT=<name> runs one deliberate deviation (simulators/media-server/mutants.ts);
GIR_MS_WRITE_STALL_MS=<ms> stalls each WAV write after its first chunk (a slow disk, for crash tests);
GIR_PORT_BASE, GIR_PORT_BLOCK, CUCUMBER_WORKER_ID pick the port block of media (and of SIP with port 0).`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      listen: { type: 'string', default: '127.0.0.1:0' },
      root: { type: 'string' },
      profile: { type: 'string' },
      'dated-folders': { type: 'boolean', default: false },
      cold: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  if (!values.root) throw new Error('--root <dir> is required (where recordings are written); see --help');
  const listen = parseHostPort(values.listen!);
  const profile = values.profile ? loadProfile(resolve(values.profile)).profile : undefined;
  const root = resolve(values.root);
  mkdirSync(root, { recursive: true });
  // A recorder in service has long compiled its hot paths; one just started has not, and its first
  // session of a run (ROB-03's first of 100 opened at once) came 20-28 ms late. Warming is the
  // recorder's own start-up, on its own sockets and a temporary root: the harness warms no SUT.
  if (!values.cold) {
    await recordOnce(new PortBlock(), { analyze: false });
    collectGarbage();
  }
  const server = await FakeMediaServer.start({
    host: listen.host,
    port: listen.port,
    root,
    startOn: profile?.wire.startOn,
    duplicateIdStatus: profile?.ms.duplicateIdStatus,
    badDestStatus: profile?.ms.badDestStatus,
    datedFolders: values['dated-folders'],
  });
  const stall = process.env.GIR_MS_WRITE_STALL_MS;
  if (stall !== undefined) {
    const ms = Number(stall);
    if (!Number.isInteger(ms) || ms < 0) throw new Error(`GIR_MS_WRITE_STALL_MS must be a whole number of ms, got "${stall}"`);
    server.faults.writeStallMs = ms;
  }
  console.log(`gir fake Media Server listening on ${formatHostPort(server.address)} (udp, tcp), recordings under ${root}`);
  const stop = async (signal: string): Promise<void> => {
    console.log(`${signal}: stopping ${server.sessions.filter((s) => s.recording.state !== 'stopped').length} live recording(s)`);
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`media-server: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});
