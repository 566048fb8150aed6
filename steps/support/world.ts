import { IWorldOptions, setWorldConstructor, World } from '@cucumber/cucumber';
import { fixedPortsOf } from './profile-fixed-ports';
import type { Pickle } from '@cucumber/messages';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LoadedProfile } from '../../profiles/load-profile';
import { DirectoryEntry, SutRole, Tolerances } from '../../profiles/profile-schema';
import { PhoneCall } from '../../simulators/endpoint/phone-call';
import type { G711Law } from '../../simulators/media';
import { Phone } from '../../simulators/endpoint/phone';
import { Clock, systemClock } from '../../simulators/time/clock';
import { RecordingAnalysis, renderRecordingSvg } from '../../simulators/analysis';
import { roleOfTags } from '../../harness/report/feature-scenarios';
import { CallControlStage } from './call-control-stage';
import { CtiDesktops } from './cti-desktops';
import { DisposerStack } from './disposer-stack';
import type { EscapeWatch } from './escape-watch';
import type { RecorderRecording } from './client-recording-check';
import type { RecordingSessionError } from '../../simulators/recording-client/recording-session-client';
import { RecorderStage } from './recorder-stage';
import type { RecorderLoadResult } from './recorder-load';
import type { SippCallsRun } from './sipp-callers';
import { profileForRole } from './run-profiles';
import { SipTrace } from './sip-trace';
import { allocateStreamId, workerPortBlock } from './worker-resources';
import { LoopbackCapture } from '../../simulators/pcap/loopback-capture';
import { formatHostPort } from '../../simulators/net/host-port';

/** A named party of a scenario ("caller", "agent", "far end"): its phone, call and audio stream. */
export interface Party {
  name: string;
  phone: Phone;
  /** The DN it stands for (an agent's DN, or a trunk group's). */
  dn: string;
  streamId: number;
  call?: PhoneCall;
}

let scenarioCounter = 0;

/** One World per scenario: its profile, resources (torn down newest first) and what happened. */
export class GirWorld extends World {
  readonly clock: Clock = systemClock;
  readonly disposers = new DisposerStack();
  readonly ports = workerPortBlock();
  readonly parties = new Map<string, Party>();
  /** The party whose answer is the start reference (PROFILE-RULES.md rule 15). */
  answeredBy?: string;
  /** When a party's hang-up step sent its BYE (a transferor's own BYE is not the hang-up). */
  hungUpAtMs?: number;
  /**
   * A transfer of the scenario (FT-03): how; `atMs`, when it was requested (the REFER or the CTI
   * request left the harness: the SUT's acceptance, rule 15's reference, cannot come earlier, and
   * what the harness sees of it, a 202 or an EventACK, may arrive after the stop it caused); and
   * when the new party answered.
   */
  transfer?: { kind: 'blind' | 'consultation' | 'single-step'; atMs: number; answeredAtMs: number };
  /** The G.711 law every phone of the scenario talks in. */
  law: G711Law = 'mulaw';
  /** The fault the scenario set on the fake Media Server (MS-04): what its failure moment is. */
  msFault?: 'silent' | 'reject' | 'bye' | 'info';
  /** Agents logged in over CTI in this scenario: DN → agentId (the Agent-Id a recording must carry). */
  readonly logins = new Map<string, string>();
  role!: SutRole;
  loaded!: LoadedProfile;
  trace!: SipTrace;
  artifactsDir!: string;
  /** Recorder role: the sessions the recording client opened, first = "the recording". */
  readonly recorderRecordings: RecorderRecording[] = [];
  /** Recorder role: the last session the recorder refused. */
  lastRefusal?: RecordingSessionError;
  /** Recorder role: each dest or id that tried to leave the recordings root, watched on disk. */
  readonly escapeWatches: EscapeWatch[] = [];
  /** What the SUT's process wrote during this scenario, when the harness runs it (for a failed scenario's report). */
  sutOutput?: () => string;
  /** ROB-03, call-control role: the calls SIPp placed through the SUT. */
  sippCalls?: SippCallsRun;
  /** ROB-03, recorder role: what the load at the recorder came to. */
  recorderLoad?: RecorderLoadResult;
  /** tcpdump on loopback over this worker's port block, from Before to the end of teardown. */
  capture?: LoopbackCapture;
  private stage?: CallControlStage;
  private recorderStage?: RecorderStage;
  private ctiDesktops?: CtiDesktops;

  constructor(options: IWorldOptions) {
    super(options);
  }

  setUp(pickle: Pickle): void {
    this.role = roleOfTags(pickle.tags.map((t) => t.name));
    this.loaded = profileForRole(this.role);
    this.trace = new SipTrace(this.clock);
    const slug = pickle.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
    const worker = process.env.CUCUMBER_WORKER_ID ?? '0';
    this.artifactsDir = join(process.env.GIR_REPORTS_DIR || 'reports', 'scenarios', `${worker}-${++scenarioCounter}-${slug}`);
    mkdirSync(this.artifactsDir, { recursive: true });
  }

  /**
   * Starts the scenario's capture; its teardown is the first pushed, so it runs last (the BYEs are in
   * it). A scenario tagged @bulk-capture (load: tens of thousands of packets a second) is captured in
   * blocks, and a step that reads the capture mid-scenario flushes it first (loopback-capture.ts).
   */
  async startCapture(pickle: Pickle): Promise<void> {
    const mode = pickle.tags.some((t) => t.name === '@bulk-capture') ? 'bulk' : 'immediate';
    this.capture = await LoopbackCapture.start(join(this.artifactsDir, 'capture.pcap'), this.ports.range, fixedPortsOf(this.profile), mode);
    const capture = this.capture;
    this.disposers.push('capture', () => capture.stop());
  }

  /** Names of the addresses a capture shows, for its ladder: the SUT, the Media Server, each phone. */
  addressNames(): Map<string, string> {
    const names = new Map<string, string>();
    if (this.stage) {
      names.set(formatHostPort(this.stage.sut.sipAddress), 'SUT');
      names.set(formatHostPort(this.stage.mediaServer.address), 'media-server');
      for (const [role, phone] of this.stage.trunkPeers) names.set(formatHostPort(phone.address), `far end of ${role}`);
    }
    if (this.recorderStage) names.set(formatHostPort(this.recorderStage.recorder.sipAddress), 'recorder');
    for (const party of this.parties.values()) names.set(formatHostPort(party.phone.address), party.name);
    return names;
  }

  get profile() {
    return this.loaded.profile;
  }

  get tolerance(): Tolerances {
    return this.profile.tolerance;
  }

  /** The call-control stage, started on first use (Media Server, trunk peers, SUT). */
  async callControl(): Promise<CallControlStage> {
    this.stage ??= await CallControlStage.start({
      profile: this.profile, artifactsDir: this.artifactsDir, portBlock: this.ports, clock: this.clock, disposers: this.disposers, trace: this.trace,
    });
    const { sut } = this.stage;
    if (sut.outputMark && sut.outputSince && !this.sutOutput) {
      const mark = sut.outputMark();
      this.sutOutput = () => sut.outputSince!(mark);
    }
    return this.stage;
  }

  /** The scenario's CTI clients and the requests they made. */
  get desktops(): CtiDesktops {
    this.ctiDesktops ??= new CtiDesktops(this.clock, this.disposers, this.tolerance.ctiResponseMs);
    return this.ctiDesktops;
  }

  /** The recorder-role stage, started on first use (the recorder under test and the recording client). */
  async recorderRole(): Promise<RecorderStage> {
    if (this.role !== 'recorder') throw new Error('this step belongs to @recorder scenarios');
    this.recorderStage ??= await RecorderStage.start({
      profile: this.profile, artifactsDir: this.artifactsDir, portBlock: this.ports, clock: this.clock, disposers: this.disposers, trace: this.trace,
    });
    const { recorder } = this.recorderStage;
    if (recorder.outputMark && recorder.outputSince && !this.sutOutput) {
      const mark = recorder.outputMark();
      this.sutOutput = () => recorder.outputSince!(mark);
    }
    return this.recorderStage;
  }

  /**
   * Attaches the recording's plot (SVG: waveform per channel, pauses, findings) and saves it with the
   * scenario's evidence. Attached as bytes, which Cucumber encodes base64: cucumber.html shows only
   * base64 images, and says it "couldn't display" a plain-text SVG.
   */
  attachRecordingPlot(analysis: RecordingAnalysis, samples: readonly Int16Array[], title: string, channelLabels: string[]): void {
    const svg = renderRecordingSvg(analysis, { samples, title, channelLabels });
    const fileName = `plot-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}.svg`;
    writeFileSync(join(this.artifactsDir, fileName), svg);
    this.attach(Buffer.from(svg, 'utf8'), { mediaType: 'image/svg+xml', fileName });
  }

  /** The directory entry of a role; a role the profile lacks is an error naming the profile. */
  directoryEntry<T extends DirectoryEntry['type']>(role: string, type?: T): Extract<DirectoryEntry, { type: T }> {
    const entry = this.profile.directory.find((e) => e.role === role);
    if (!entry) throw new Error(`profile ${this.loaded.path} has no directory entry with role "${role}"`);
    if (type && entry.type !== type) throw new Error(`directory role "${role}" is a ${entry.type}, this step needs a ${type}`);
    return entry as Extract<DirectoryEntry, { type: T }>;
  }

  /** A new phone for a party, registered on nothing yet; closed with the scenario. */
  async newPhone(name: string): Promise<Phone> {
    const stage = await this.callControl();
    const phone = await Phone.start({ name, host: '127.0.0.1', portBlock: this.ports, clock: this.clock, sut: stage.sut.sipAddress, onTrace: this.trace.recorder(name) });
    this.disposers.push(`phone of ${name}`, () => phone.close());
    return phone;
  }

  addParty(name: string, phone: Phone, dn: string): Party {
    if (this.parties.has(name)) throw new Error(`the scenario already has a party called "${name}"`);
    const party: Party = { name, phone, dn, streamId: allocateStreamId() };
    this.parties.set(name, party);
    return party;
  }

  party(name: string): Party {
    const party = this.parties.get(name);
    if (!party) throw new Error(`no party called "${name}" in this scenario (parties: ${[...this.parties.keys()].join(', ') || 'none'})`);
    return party;
  }

  /** The established call of a party. */
  callOf(name: string): PhoneCall {
    const call = this.party(name).call;
    if (!call) throw new Error(`${name} has no call`);
    return call;
  }
}

setWorldConstructor(GirWorld);
