/**
 * `npm run reference-sut -- --listen <ip:port> --media-server <ip:port> [--profile <file>]
 * [--trunk-peer <dn>=<ip:port>]...`: the reference SIP Server alone, as a process or in a
 * container. Prints one line containing `listening` and its SIP address when ready; SIGINT/SIGTERM
 * end it (exit 0).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadProfile } from '../../profiles/load-profile';
import { DirectoryEntry, Profile } from '../../profiles/profile-schema';
import { formatHostPort, parseHostPort } from '../../simulators/net/host-port';
import { ReferenceSut } from './reference-sut';

const HELP = `usage: npm run reference-sut -- --media-server <ip:port> [options]

The reference SIP Server of gir-conformance: registrar, B2BUA with RTP anchoring and the recording
controller that opens gir-msml sessions to a Media Server, as ../shared/PROFILE-RULES.md settles it.

  --listen <ip:port>          SIP address (UDP); port 0 takes a free port (default 127.0.0.1:0)
  --cti-listen <ip:port>      CTI bridge address (TCP, JSON lines); port 0 or absent takes a free
                              port; the host is --listen's
  --media-server <ip:port>    where recording sessions are opened (required)
  --profile <file>            directory, wire.startOn/tenantDbid, sut.msTimeoutMs and sut.cluster from this
                              profile (default profiles/default.yaml)
  --screen-url <url>          the screen-recording service (SCR-*); default: the profile's
                              screen.url, else no screen commands
  --trunk-peer <dn>=<ip:port> the far end of a TrunkGroup DN the profile leaves without a peer;
                              repeat for each trunk
  -h, --help                  this text

Environment: GIR_MUTANT=<name> runs one deliberate deviation (sut/reference/mutants.ts).`;

const DEFAULT_PROFILE = resolve(__dirname, '../../profiles/default.yaml');

/** The profile's directory with each `--trunk-peer` filled in; a trunk left without a peer is an error. */
export function directoryWithTrunkPeers(profile: Profile, trunkPeers: readonly string[]): DirectoryEntry[] {
  const peers = new Map<string, string>();
  for (const spec of trunkPeers) {
    const match = /^([^=]+)=(.+)$/.exec(spec);
    if (!match) throw new Error(`--trunk-peer "${spec}": expected <dn>=<ip:port>`);
    peers.set(match[1], formatHostPort(parseHostPort(match[2])));
  }
  const directory = profile.directory.map((entry) => {
    if (entry.type !== 'TrunkGroup') return entry;
    const peer = peers.get(entry.dn) ?? entry.peer;
    peers.delete(entry.dn);
    if (!peer) throw new Error(`TrunkGroup DN ${entry.dn} has no peer: give --trunk-peer ${entry.dn}=<ip:port> or "peer" in the profile`);
    return { ...entry, peer };
  });
  const unknown = [...peers.keys()];
  if (unknown.length) throw new Error(`--trunk-peer names DN(s) that are not TrunkGroup entries of the profile: ${unknown.join(', ')}`);
  return directory;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      listen: { type: 'string', default: '127.0.0.1:0' },
      'cti-listen': { type: 'string' },
      'media-server': { type: 'string' },
      profile: { type: 'string', default: DEFAULT_PROFILE },
      'trunk-peer': { type: 'string', multiple: true, default: [] },
      'screen-url': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  if (!values['media-server']) throw new Error('--media-server <ip:port> is required (where recording sessions go); see --help');
  const listen = parseHostPort(values.listen!);
  const profile = loadProfile(resolve(values.profile!)).profile;
  const sut = await ReferenceSut.start({
    host: listen.host,
    sipPort: listen.port,
    directory: directoryWithTrunkPeers(profile, values['trunk-peer']!),
    mediaServer: parseHostPort(values['media-server']),
    wire: profile.wire,
    msTimeoutMs: profile.sut.msTimeoutMs,
    routeTimeoutMs: profile.tolerance.routeTimeoutMs,
    dynamic: profile.dynamic,
    screenUrl: values['screen-url'] ?? profile.screen.url,
    cluster: profile.sut.cluster,
    ctiPort: values['cti-listen'] ? parseHostPort(values['cti-listen']).port : undefined,
  });
  console.log(`gir reference SUT listening on ${formatHostPort(sut.sipAddress)} (udp), CTI ${formatHostPort(sut.ctiAddress)} (tcp), Media Server ${values['media-server']}`);
  const stop = async (signal: string): Promise<void> => {
    console.log(`${signal}: stopping`);
    await sut.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`reference-sut: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  });
}

