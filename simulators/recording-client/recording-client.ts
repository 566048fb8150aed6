import { G711Law } from '../media';
import { RecordingParameters } from '../gir-msml/recording-headers';
import { HostPort } from '../net/host-port';
import { PortBlock } from '../net/port-block';
import { bindUdpSocketPair } from '../net/udp-socket';
import { SipUserAgent, TraceEvent } from '../sip';
import { Clock } from '../time/clock';
import { ClientRecording } from './client-recording';
import { RecordingSessionClient } from './recording-session-client';

export interface RecordingClientOptions {
  host: string;
  portBlock: PortBlock;
  clock: Clock;
  /** The recorder under test. */
  recorder: HostPort;
  startOn: 'dialogstart' | 'invite';
  tenantDbid: number;
  timeoutMs: number;
  law?: G711Law;
  onTrace?: (event: TraceEvent) => void;
}

export interface OpenSessionRequest {
  dn: string;
  parameters: RecordingParameters;
  /** Watermark stream per label: [party side, other party]. */
  streamIds: [number, number];
}

/**
 * The SIP Server side toward a recorder under test: opens gir-msml recording sessions, streams
 * watermarked RTP on both labels, pauses, resumes, stops, and keeps every send time.
 */
export class RecordingClient {
  private sessionCounter = 0;

  private constructor(readonly ua: SipUserAgent, private readonly options: RecordingClientOptions) {}

  static async start(options: RecordingClientOptions): Promise<RecordingClient> {
    const ua = await options.portBlock.bind((port) =>
      SipUserAgent.start({ host: options.host, port, clock: options.clock, userAgent: 'gir-recording-client', onTrace: options.onTrace }));
    return new RecordingClient(ua, options);
  }

  /** Opens a session (RecordingSessionError on refusal) and starts both parties talking. */
  async open(request: OpenSessionRequest): Promise<ClientRecording> {
    const { clock, portBlock, host } = this.options;
    const sockets = await bindUdpSocketPair(portBlock, host);
    const recording = new ClientRecording(request.streamIds, sockets, clock, this.options.law ?? 'mulaw');
    let session: RecordingSessionClient;
    try {
      session = await RecordingSessionClient.open({
        ua: this.ua,
        clock,
        mediaServer: this.options.recorder,
        uri: { session: `${request.parameters.connId}-${++this.sessionCounter}`, dn: request.dn, tenantDbid: this.options.tenantDbid },
        parameters: request.parameters,
        localMedia: sockets.map((s) => ({ host, port: s.address().port })) as [HostPort, HostPort],
        startOn: this.options.startOn,
        timeoutMs: this.options.timeoutMs,
        onMediaReady: (remote) => recording.startMedia(remote),
      });
    } catch (error) {
      recording.closeMedia();
      throw error;
    }
    const startCommand = session.log.find((entry) => entry.command === (this.options.startOn === 'invite' ? 'invite' : 'dialogstart'))!;
    recording.attach(session, startCommand.sentAtMs);
    return recording;
  }

  close(): Promise<void> {
    return this.ua.close();
  }
}
