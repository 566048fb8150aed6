import { stallIfAsked } from '../time/harness-stall-knob';
import { answerSdp, buildSdp, Dialog, IncomingRequest, OutgoingInvite, readSdp, SipResponse, withDirection } from '../sip';
import { G711Law } from '../media';
import { HostPort } from '../net/host-port';
import { Clock } from '../time/clock';
import { CallMedia } from './call-media';

export type PhoneCallState = 'calling' | 'ringing' | 'established' | 'ended';

/** A call failed before it was established: the final status (or why there was none). */
export class CallFailedError extends Error {
  constructor(readonly phone: string, readonly status: number | undefined, detail: string) {
    super(`${phone}: call failed: ${detail}`);
    this.name = 'CallFailedError';
  }
}

/** One call at a phone, either direction, with its audio and the times that checks refer to. */
export class PhoneCall {
  private currentState: PhoneCallState;
  private dialog?: Dialog;
  private localSdp = '';
  private endedResolve!: (by: 'local' | 'remote') => void;
  /** Settles when the call ends, saying which side hung up. */
  readonly ended: Promise<'local' | 'remote'>;
  /** Clock.now() of the moments checks refer to. */
  readonly times: { answeredAtMs?: number; byeSentAtMs?: number; endedAtMs?: number; transferRequestedAtMs?: number; transferAcceptedAtMs?: number } = {};

  constructor(
    readonly phone: string,
    readonly direction: 'outgoing' | 'incoming',
    readonly media: CallMedia,
    private readonly clock: Clock,
    private readonly law: G711Law,
    private readonly streamId: number,
    private readonly incoming?: IncomingRequest,
  ) {
    this.currentState = direction === 'incoming' ? 'ringing' : 'calling';
    this.ended = new Promise((resolve) => (this.endedResolve = resolve));
  }

  get state(): PhoneCallState {
    return this.currentState;
  }

  /** The call's SIP dialog once established (a transfer sends its REFER in it, or replaces it). */
  get sipDialog(): Dialog | undefined {
    return this.dialog;
  }

  get callId(): string | undefined {
    return this.dialog?.callId ?? this.incoming?.message.callId;
  }

  /** The SDP offer this phone sends with an outgoing INVITE. */
  offer(): string {
    this.localSdp = buildSdp({ address: this.media.local.host, media: [{ port: this.media.local.port, codecs: this.law === 'mulaw' ? ['PCMU', 'PCMA'] : ['PCMA', 'PCMU'] }] });
    return this.localSdp;
  }

  /** Outgoing: waits for the final response; on 2xx starts talking. */
  async awaitAnswer(invite: OutgoingInvite): Promise<void> {
    invite.onProvisional((response) => {
      if (response.status >= 180 && this.currentState === 'calling') this.currentState = 'ringing';
    });
    const { response, dialog } = await invite.final;
    if (response.status >= 300 || !dialog) {
      this.finish('remote');
      throw new CallFailedError(this.phone, response.status, `${response.status} ${response.reason}`);
    }
    this.times.answeredAtMs = this.clock.now();
    this.established(dialog, response);
  }

  /** Incoming: answers 200 with our SDP and starts talking at once (the remote address is in the offer). */
  answer(): void {
    if (!this.incoming || this.currentState !== 'ringing') throw new Error(`${this.phone}: no ringing call to answer (state ${this.currentState})`);
    const offer = this.incoming.message.body;
    this.localSdp = answerSdp(offer, { address: this.media.local.host, ports: this.media.local.port });
    const dialog = this.incoming.accept({ body: this.localSdp, contentType: 'application/sdp' });
    this.times.answeredAtMs = this.clock.now();
    this.established(dialog, undefined, offer);
  }

  /** Incoming: refuses the call. */
  reject(status = 486): void {
    if (!this.incoming || this.currentState !== 'ringing') throw new Error(`${this.phone}: no ringing call to reject`);
    this.incoming.respond(status);
    this.finish('local');
  }

  async hangup(): Promise<void> {
    if (!this.dialog || this.currentState !== 'established') throw new Error(`${this.phone}: no established call to hang up (state ${this.currentState})`);
    stallIfAsked();
    this.times.byeSentAtMs = this.clock.now();
    this.media.stop();
    this.finish('local');
    await this.dialog.bye();
  }

  /** Holds the call: a re-INVITE with a=inactive; our audio stops, its index and timestamp run on. */
  async hold(): Promise<SipResponse> {
    if (!this.dialog) throw new Error(`${this.phone}: no call to hold`);
    this.media.hold();
    this.localSdp = withDirection(this.localSdp, 'inactive');
    return this.dialog.reinvite({ body: this.localSdp, contentType: 'application/sdp' });
  }

  async unhold(): Promise<SipResponse> {
    if (!this.dialog) throw new Error(`${this.phone}: no call to take off hold`);
    this.localSdp = withDirection(this.localSdp, 'sendrecv');
    const response = await this.dialog.reinvite({ body: this.localSdp, contentType: 'application/sdp' });
    this.media.resume();
    return response;
  }

  private established(dialog: Dialog, response?: SipResponse, offer?: Buffer): void {
    this.dialog = dialog;
    this.currentState = 'established';
    const remoteSdp = readSdp(response ? response.body : offer!);
    const audio = remoteSdp.media.find((m) => m.type === 'audio' && m.port !== 0);
    if (!audio) throw new CallFailedError(this.phone, response?.status, 'the remote SDP has no usable m=audio line');
    const remote: HostPort = { host: audio.address, port: audio.port };
    this.media.setRemote(remote);
    this.media.startSending(this.streamId, this.law);
    dialog.onRequest((request) => {
      if (request.method === 'INVITE') {
        // a re-INVITE from the far side (hold/resume relayed, or the media moved after a
        // transfer): our audio goes where it now points, and we answer with our SDP
        const moved = request.message.body.length > 0 ? readSdp(request.message.body).media.find((m) => m.type === 'audio' && m.port !== 0 && m.direction !== 'inactive') : undefined;
        if (moved) this.media.setRemote({ host: moved.address, port: moved.port });
        request.respond(200, { body: this.localSdp, contentType: 'application/sdp' });
      } else request.respond(200);
    });
    dialog.onTerminated(({ reason }) => {
      if (reason === 'bye-received') this.media.stop();
      this.finish(reason === 'bye-sent' ? 'local' : 'remote');
    });
  }

  private finish(by: 'local' | 'remote'): void {
    if (this.currentState === 'ended') return;
    this.currentState = 'ended';
    this.times.endedAtMs = this.clock.now();
    this.endedResolve(by);
  }
}
