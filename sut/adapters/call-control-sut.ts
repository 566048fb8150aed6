import { join } from 'node:path';
import { DirectoryEntry, Profile } from '../../profiles/profile-schema';
import { formatHostPort, HostPort, parseHostPort } from '../../simulators/net/host-port';
import { PortBlock } from '../../simulators/net/port-block';
import { TraceEvent } from '../../simulators/sip';
import { Clock } from '../../simulators/time/clock';
import { ContainerCallControl } from './container-call-control';
import { EmbeddedCallControl } from './embedded-call-control';
import { processSutEnv } from './command-template';
import { ProcessCallControl } from './process-call-control';

/** How the harness reaches a SUT in the call-control role, whatever runs it. */
export interface CallControlSut {
  /** Where phones REGISTER and trunk peers send INVITEs. */
  readonly sipAddress: HostPort;
  /** Where CTI clients connect (JSON lines over TCP, DESIGN.md "CTI bridge protocol"). */
  readonly ctiAddress: HostPort;
  /** For reports: "gir-reference-sut 0.1.0 (embedded)". */
  readonly description: string;
  /** Its output from a mark on, when the harness runs it (process or container), for a failed scenario's report. */
  outputMark?(): number;
  outputSince?(mark: number): string;
  stop(): Promise<void>;
}

const PROJECT_ROOT = join(__dirname, '..', '..');

/**
 * The adapter a call-control profile names: `embedded` (the reference SUT in-process), `process`
 * (a command the harness runs per scenario), `container` (an image the harness runs per scenario)
 * or `external` (addresses only: sut.sip and sut.cti; its owner provisioned the profile's fixed
 * ms.listen and trunk peers from the provision sheet).
 */
export async function startCallControlSut(options: {
  profile: Profile;
  directory: DirectoryEntry[];
  mediaServer: HostPort;
  portBlock: PortBlock;
  clock: Clock;
  onTrace?: (event: TraceEvent) => void;
  /** The scenario's fake screen-recording service, for an SUT the harness starts. */
  screenUrl?: string;
  /** A folder of the scenario's own (a process SUT's filled-in profile goes there). */
  workDir: string;
}): Promise<CallControlSut> {
  const { profile } = options;
  switch (profile.sut.adapter) {
    case 'embedded':
      return EmbeddedCallControl.start(options);
    case 'process':
      return ProcessCallControl.start({ ...options, cwd: PROJECT_ROOT, env: processSutEnv(process.env) });
    case 'container':
      return ContainerCallControl.start({ ...options, env: processSutEnv(process.env) });
    case 'external': {
      if (!profile.sut.sip || !profile.sut.cti) throw new Error('an external SIP Server needs sut.sip and sut.cti ("host:port") in its profile');
      const sip = parseHostPort(profile.sut.sip);
      const cti = parseHostPort(profile.sut.cti);
      return { sipAddress: sip, ctiAddress: cti, description: `${profile.sut.name} ${profile.sut.version} (external at ${formatHostPort(sip)}, CTI ${formatHostPort(cti)})`, stop: async () => undefined };
    }
  }
}
