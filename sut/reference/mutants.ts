import { MutantDefinition, MutantSwitch } from '../../simulators/mutation/mutant-switch';

/**
 * Deliberate deviations of the reference SUT, at least one per SUT-owned requirement, killed
 * through call-control scenarios (DESIGN.md, "Mutants"). deviations.ts turns the one that is on
 * into plain values; policy code reads those, never a mutant name.
 */
export const SUT_MUTANTS = [
  { name: 'sut-ft-never-records', requirement: 'FT-01', description: 'never opens a recording session for a record=true Extension' },
  { name: 'sut-ft-caller-as-party', requirement: 'FT-01', description: "labels the caller's audio 1 (party side) instead of the agent's" },
  { name: 'sut-ft-late-stop', requirement: 'FT-01', description: 'stops the recording 1 s after the call is released' },
  { name: 'sut-ft-ignores-acd-position', requirement: 'FT-02', description: 'treats an ACD Position with record=true as unrecorded' },
  { name: 'sut-ft-ignores-agent-login', requirement: 'FT-04', description: 'never records from an Agent Login with record=true' },
  { name: 'sut-ft-login-stays-on-dn', requirement: 'FT-04', description: 'keeps recording a DN on which a recorded agent was once logged in, whoever is logged in now' },
  { name: 'sut-ft-login-recorded-under-cluster', requirement: 'FT-05', description: 'records from an Agent Login under SIP Cluster' },
  { name: 'sut-ft-ignores-trunk-group', requirement: 'FT-06', description: "ignores a Trunk Group's record=true: the IVR interaction is not recorded" },
  { name: 'sut-ft-ivr-hand-off-keeps-recording', requirement: 'FT-06', description: "keeps the trunk group's recording running after the IVR hands the call off" },
  { name: 'sut-ft-port-as-extension', requirement: 'FT-07', description: 'records a treatment port as if it were an agent Extension (Record-Side destination)' },
  { name: 'sut-ms-omits-connid', requirement: 'MS-01', description: 'sends recording INVITEs without X-Genesys-ConnID' },
  { name: 'sut-ms-503-breaks-call', requirement: 'MS-04', description: 'releases the call when the Media Server answers the recording INVITE with 503' },
  { name: 'sut-ms-bye-leaves-on', requirement: 'MS-04', description: "leaves GSIP_RECORD=ON after the Media Server's BYE" },
  { name: 'sut-ms-gives-up-late', requirement: 'MS-04', description: 'waits 5 s more than sut.msTimeoutMs for a silent Media Server' },
  { name: 'sut-ms-failure-blocks-restart', requirement: 'MS-04', description: 'keeps a failed recording as live, so a later GSIP_RECORD_START gets InvalidState' },
  { name: 'sut-xfer-blind-keeps-recording', requirement: 'FT-03', description: 'keeps the agent-side recording running after a blind or single-step transfer' },
  { name: 'sut-xfer-consultation-keeps-recording', requirement: 'FT-03', description: 'keeps the agent-side recording running after a consultation transfer' },
  { name: 'sut-xfer-records-new-party', requirement: 'FT-03', description: "records the new agent's leg although neither its DN nor its login says so" },
  { name: 'sut-ft-records-unflagged', requirement: 'FT-08', description: 'records calls of Extensions whose record option is false' },
  { name: 'sut-dyn-start-ignored', requirement: 'DYN-01', description: 'acknowledges GSIP_RECORD_START and records nothing' },
  { name: 'sut-dyn-stop-ignored', requirement: 'DYN-02', description: 'acknowledges GSIP_RECORD_STOP and keeps recording until the call ends' },
  { name: 'sut-dyn-pause-ignored', requirement: 'DYN-03', description: 'acknowledges GSIP_RECORD_PAUSE and never sends the pause' },
  { name: 'sut-dyn-resume-ignored', requirement: 'DYN-04', description: 'acknowledges GSIP_RECORD_RESUME and never sends the resume' },
  { name: 'sut-dyn-accepts-unregistered-dn', requirement: 'DYN-05', description: 'accepts a request for a ThisDN the client has not registered' },
  { name: 'sut-dyn-released-as-invalid-state', requirement: 'DYN-06', description: 'answers a released ConnectionID with InvalidState instead of UnknownConnId' },
  { name: 'sut-dyn-destination-as-source', requirement: 'DYN-07', description: "records ThisDN's side for record=destination" },
  { name: 'sut-dyn-drops-partitions', requirement: 'DYN-08', description: 'sends no partitions to the Media Server' },
  { name: 'sut-dyn-drops-reasons', requirement: 'DYN-09', description: 'leaves reasons out of the response' },
  { name: 'sut-dyn-full-time-not-controllable', requirement: 'DYN-10', description: 'refuses 3014-3016 on a recording that full-time recording started' },
  { name: 'sut-dyn-acks-unknown-msgid', requirement: 'DYN-11', description: 'acknowledges an unknown PrivateMsgID' },
  { name: 'sut-dyn-refused-pause-reaches-ms', requirement: 'DYN-12', description: 'refuses a pause while paused with InvalidState, yet sends it to the Media Server, which fails the recording' },
  { name: 'sut-dyn-answers-twice', requirement: 'DYN-13', description: 'answers an accepted request with EventACK twice' },
  { name: 'sut-ms-on-before-answer', requirement: 'MS-02', description: "sends GSIP_RECORD=ON before the Media Server has answered" },
  { name: 'sut-rob-dies-on-garbage', requirement: 'ROB-01', description: 'stops serving SIP after the first datagram it cannot parse' },
  { name: 'sut-rob-closes-on-bad-json', requirement: 'ROB-02', description: 'closes the CTI connection after a request that is not JSON' },
  { name: 'sut-pad-late-pause', requirement: 'PAD-01', description: 'sends each pause to the Media Server 300 ms after the request' },
  { name: 'sut-pad-drops-queued-pause', requirement: 'PAD-03', description: 'drops a pause requested while the recording is still being set up' },
  { name: 'sut-dyn-selective-not-controllable', requirement: 'DYN-10', description: 'refuses 3014-3016 on a recording that selective recording started' },
  { name: 'sut-sel-ignores-destination', requirement: 'SEL-01', description: 'acknowledges record=destination and records nothing' },
  { name: 'sut-sel-ignores-disable', requirement: 'SEL-02', description: 'ignores record=disable_destination: a record=true extension is recorded anyway' },
  { name: 'sut-sel-disable-keeps-trunk-recording', requirement: 'SEL-02', description: "leaves the trunk group's live recording running after record=disable_destination, on into the agent's leg" },
  { name: 'sut-sel-source-for-destination', requirement: 'SEL-03', description: "records the caller's or far end's side for record=destination" },
  { name: 'sut-sel-accepts-duplicate-id', requirement: 'SEL-05', description: 'acknowledges a RequestRouteCall whose id is live, and records with it' },
  { name: 'sut-sel-survives-transfer', requirement: 'SEL-04', description: "records the new agent's leg after a transfer with the first routing point's record=destination" },
  { name: 'sut-sel-ignores-record-after-transfer', requirement: 'SEL-04', description: 'ignores record=destination from the routing point a transfer goes through' },
  { name: 'sut-sel-drops-dest', requirement: 'SEL-07', description: 'sends the Media Server no X-Genesys-Dest' },
  { name: 'sut-scr-no-pause', requirement: 'SCR-01', description: 'pauses the voice recording and sends the screen-recording service no pause' },
  { name: 'sut-scr-late-stop', requirement: 'SCR-01', description: 'sends the screen stop 1 s after the voice recording stopped' },
  { name: 'sut-scr-session-as-recording-id', requirement: 'SCR-01', description: "names a selective recording's screen recording by the session token, not the extension id (rule 19)" },
  { name: 'sut-scr-unconfigured-agent', requirement: 'SCR-02', description: 'sends screen commands for a logged-in agent configured without screen recording' },
  { name: 'sut-pad-full-time-late-pause', requirement: 'PAD-04', description: 'sends the pause of a full-time recording 300 ms late' },
  { name: 'sut-forks-into-other-session', requirement: 'ROB-03', description: "forks the second concurrent call's RTP into the first live call's recording as well" },
] as const satisfies readonly MutantDefinition[];

export type SutMutantName = (typeof SUT_MUTANTS)[number]['name'];

export class SutMutants extends MutantSwitch<SutMutantName> {
  constructor(env: NodeJS.ProcessEnv = process.env) {
    super(SUT_MUTANTS, env);
  }
}
