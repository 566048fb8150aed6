import { buildMsml, MSML_CONTENT_TYPE, parseMsml, RecordingCommand } from '../gir-msml/msml-body';
import { HEADER, RecordingParameters, recordingHeaders } from '../gir-msml/recording-headers';
import { formatRecordingUri, RecordingUri } from '../gir-msml/recording-uri';
import { formatHostPort, HostPort } from '../net/host-port';
import { buildSdp, Dialog, readSdp, SipResponse, SipUserAgent, withDirection } from '../sip';
import { Clock, TimerHandle } from '../time/clock';

/** The Media Server refused or failed a step of the session; `status` is its SIP or MSML code. */
export class RecordingSessionError extends Error {
  constructor(readonly step: string, readonly status: number | 'timeout', detail: string) {
    super(`recording ${step}: ${detail}`);
    this.name = 'RecordingSessionError';
  }
}

export interface OpenRecordingOptions {
  ua: SipUserAgent;
  clock: Clock;
  mediaServer: HostPort;
  uri: Omit<RecordingUri, 'msHostPort'>;
  parameters: RecordingParameters;
  /** Our media address per label (index 0 = a=label:1): where our RTP comes from. */
  localMedia: [HostPort, HostPort];
  /** gir-msml `wire.startOn`. */
  startOn: 'dialogstart' | 'invite';
  /** Give up on an MS that does not answer (`sut.msTimeoutMs`). */
  timeoutMs: number;
  /** Headers left out of the INVITE: lets a test send a deficient one (a recorder must refuse it). */
  omitHeaders?: readonly string[];
  /** Extra record attributes for <record/> (optional in the profile). */
  recordAttributes?: Record<string, string>;
  /** Called once the MS has answered the INVITE with its media addresses, before the dialogstart. */
  onMediaReady?: (remoteMedia: [HostPort, HostPort]) => void;
}

/** What was sent when, on the client's clock: the reference times of PAD-01 checks. */
export interface ClientCommandLog {
  command: 'invite' | 'dialogstart' | RecordingCommand | 'reinvite-inactive' | 'reinvite-sendonly' | 'bye';
  sentAtMs: number;
  answeredAtMs?: number;
  status?: number;
}

/**
 * The call-control side of one gir-msml recording session: the INVITE with two labelled m-lines,
 * the dialogstart, pause/resume/stop as MSML INFO (or re-INVITE), and the BYE. The reference SUT
 * uses it toward the Media Server, and the recording client uses it toward a recorder under test,
 * so both speak the profile through one implementation.
 */
export class RecordingSessionClient {
  readonly log: ClientCommandLog[] = [];
  private sdpBody = '';

  private constructor(
    private readonly options: OpenRecordingOptions,
    readonly dialog: Dialog,
    /** The MS's media address per label. */
    readonly remoteMedia: [HostPort, HostPort],
    /** X-Genesys-Record-Id of the MS's 200 OK. */
    readonly recordId: string | undefined,
  ) {}

  /** Opens the session and, unless the profile starts on the INVITE, starts recording. */
  static async open(options: OpenRecordingOptions): Promise<RecordingSessionClient> {
    const { ua, clock, mediaServer } = options;
    const uri = formatRecordingUri({ ...options.uri, msHostPort: formatHostPort(mediaServer) });
    const sdp = buildSdp({
      address: options.localMedia[0].host,
      media: options.localMedia.map((media, index) => ({ port: media.port, address: media.host, direction: 'sendonly', label: String(index + 1), codecs: ['PCMU', 'PCMA'] })),
    });
    const log: ClientCommandLog = { command: 'invite', sentAtMs: clock.now() };
    const invite = ua.invite({
      uri,
      from: `<sip:${options.uri.dn}@${formatHostPort(ua.address)}>`,
      headers: recordingHeaders(options.parameters).filter(([name]) => !options.omitHeaders?.includes(name)),
      body: sdp,
      contentType: 'application/sdp',
      destination: mediaServer,
    });
    const response = await withTimeout(clock, options.timeoutMs, invite.final.then((r) => r), () => invite.cancel(), 'INVITE');
    log.answeredAtMs = clock.now();
    log.status = response.response.status;
    if (response.response.status >= 300 || !response.dialog) {
      throw new RecordingSessionError('INVITE', response.response.status, `${mediaServer.host}:${mediaServer.port} answered ${response.response.status} ${response.response.reason}`);
    }
    const answer = readSdp(response.response.body);
    const remote = (label: string): HostPort => {
      const line = answer.media.find((m) => m.label === label) ?? answer.media[Number(label) - 1];
      if (!line || line.port === 0) throw new RecordingSessionError('INVITE', response.response.status, `the SDP answer has no usable m-line for a=label:${label}`);
      return { host: line.address, port: line.port };
    };
    let remoteMedia: [HostPort, HostPort];
    try {
      remoteMedia = [remote('1'), remote('2')];
    } catch (error) {
      await response.dialog.bye().catch(() => undefined);
      throw error;
    }
    const client = new RecordingSessionClient(options, response.dialog, remoteMedia, response.response.headers.get(HEADER.recordId));
    client.sdpBody = sdp;
    client.log.push(log);
    response.dialog.onRequest((request) => request.respond(200)); // the MS's own INFOs need nothing (rule 19)
    options.onMediaReady?.(remoteMedia);
    if (options.startOn === 'dialogstart') {
      await client.info('dialogstart', buildMsml({ kind: 'dialogstart', session: options.uri.session, record: options.recordAttributes ?? {} }));
    }
    return client;
  }

  pause(): Promise<void> {
    return this.command('app.pause');
  }

  resume(): Promise<void> {
    return this.command('app.resume');
  }

  /** Pause by re-INVITE a=inactive (the other form the profile allows). */
  async pauseByReinvite(): Promise<void> {
    await this.reinvite('inactive');
  }

  async resumeByReinvite(): Promise<void> {
    await this.reinvite('sendonly');
  }

  /** Stop (PROFILE-RULES.md rule 6): INFO app.stop, then BYE, sent even if the INFO fails; the first failure is thrown. */
  async stop(): Promise<void> {
    let failure: unknown;
    try {
      await this.command('app.stop');
    } catch (error) {
      failure = error;
    }
    try {
      await this.bye();
    } catch (error) {
      failure ??= error;
    }
    if (failure) throw failure;
  }

  async bye(): Promise<void> {
    if (this.dialog.isTerminated) return;
    const entry: ClientCommandLog = { command: 'bye', sentAtMs: this.options.clock.now() };
    this.log.push(entry);
    const response = await withTimeout(this.options.clock, this.options.timeoutMs, this.dialog.bye(), () => undefined, 'BYE');
    entry.answeredAtMs = this.options.clock.now();
    entry.status = response.status;
  }

  private command(command: RecordingCommand): Promise<void> {
    return this.info(command, buildMsml({ kind: 'command', session: this.options.uri.session, command }));
  }

  private async info(command: 'dialogstart' | RecordingCommand, body: string): Promise<void> {
    const entry: ClientCommandLog = { command, sentAtMs: this.options.clock.now() };
    this.log.push(entry);
    const response = await withTimeout(this.options.clock, this.options.timeoutMs, this.dialog.request('INFO', { body, contentType: MSML_CONTENT_TYPE }), () => undefined, `INFO ${command}`);
    entry.answeredAtMs = this.options.clock.now();
    entry.status = msmlStatus(response);
    if (entry.status !== 200) throw new RecordingSessionError(`INFO ${command}`, entry.status, `the Media Server answered ${response.status} ${response.reason}${response.status === 200 ? ` with MSML result ${entry.status}` : ''}`);
  }

  private async reinvite(direction: 'inactive' | 'sendonly'): Promise<void> {
    this.sdpBody = withDirection(this.sdpBody, direction);
    const entry: ClientCommandLog = { command: direction === 'inactive' ? 'reinvite-inactive' : 'reinvite-sendonly', sentAtMs: this.options.clock.now() };
    this.log.push(entry);
    const response = await withTimeout(this.options.clock, this.options.timeoutMs, this.dialog.reinvite({ body: this.sdpBody, contentType: 'application/sdp' }), () => undefined, 're-INVITE');
    entry.answeredAtMs = this.options.clock.now();
    entry.status = response.status;
    if (response.status >= 300) throw new RecordingSessionError('re-INVITE', response.status, `the Media Server answered ${response.status} ${response.reason}`);
  }
}

/** A 200 to an MSML INFO carries its own result; anything else is the SIP status. */
function msmlStatus(response: SipResponse): number {
  if (response.status !== 200 || response.body.length === 0) return response.status;
  try {
    const message = parseMsml(response.body.toString('utf8'));
    return message.kind === 'result' ? message.response : response.status;
  } catch {
    return response.status;
  }
}

function withTimeout<T>(clock: Clock, timeoutMs: number, promise: Promise<T>, onTimeout: () => void, step: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer: TimerHandle = clock.setTimer(timeoutMs, () => {
      onTimeout();
      reject(new RecordingSessionError(step, 'timeout', `no answer from the Media Server within ${timeoutMs} ms`));
    });
    promise.then(
      (value) => {
        timer.cancel();
        resolve(value);
      },
      (error: unknown) => {
        timer.cancel();
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
