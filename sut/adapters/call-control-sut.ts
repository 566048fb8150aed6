import { HostPort } from '../../simulators/net/host-port';

/** How the harness reaches a SUT in the call-control role, whatever runs it. */
export interface CallControlSut {
  /** Where phones REGISTER and trunk peers send INVITEs. */
  readonly sipAddress: HostPort;
  /** Where CTI clients connect (JSON lines over TCP, DESIGN.md "CTI bridge protocol"). */
  readonly ctiAddress: HostPort;
  /** For reports: "gir-reference-sut 0.1.0 (embedded)". */
  readonly description: string;
  stop(): Promise<void>;
}
