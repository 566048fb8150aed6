import { formatHostPort, HostPort, parseHostPort } from '../../../simulators/net/host-port';
import { PortBlock } from '../../../simulators/net/port-block';
import { bindUdpSocketPair } from '../../../simulators/net/udp-socket';
import { buildSdp, Dialog, IncomingRequest, MediaInfo, readSdp, SipUri, SipUserAgent } from '../../../simulators/sip';
import { Clock } from '../../../simulators/time/clock';
import { Directory } from '../directory';
import { LegName, MediaRelay } from '../media/media-relay';
import { Registrar } from '../registrar';
import { routeOnward } from '../routing/route-onward';
import { RoutingPointEntry, RoutingPoints } from '../routing/routing-points';
import { Call, CallParty, partyKindOf } from './call';
import { CallEvents } from './call-events';
import { CallRegistry } from './call-registry';
import { newConnectionId } from './connection-id';

interface Route {
  parties: Record<LegName, CallParty>;
  target: HostPort;
  targetUser: string;
}

/** The G.711 codecs of an m-line, in its order (the anchor relays nothing else). */
function g711Codecs(media: MediaInfo): ('PCMU' | 'PCMA')[] {
  const names = media.codecs.map((c) => c.name).filter((n): n is 'PCMU' | 'PCMA' => n === 'PCMU' || n === 'PCMA');
  return names.length > 0 ? names : ['PCMU'];
}

/** A call for a routing point: it waits there, with its caller known, until it is routed (rule 24). */
interface ParkedRoute {
  caller: CallParty;
  routingPoint: RoutingPointEntry;
}

/** A call refused before it reached anyone: the status and reason the caller gets. */
class RouteRefusal {
  constructor(readonly status: number, readonly reason: string) {}
}

/**
 * The call-control core of the reference SUT: a B2BUA that anchors media. Inbound calls come from a
 * trunk group's peer and go to the registered phone of the dialled DN; a registered phone's INVITE
 * is an internal call (dialled DN registered) or an outbound call through a trunk group
 * (PROFILE-RULES.md rules 22-23). A call for a Routing Point waits there until it is routed (rule
 * 24). Re-INVITEs (hold) and BYEs are relayed leg to leg.
 */
export class B2bua {
  constructor(
    private readonly ua: SipUserAgent,
    private readonly directory: Directory,
    private readonly registrar: Registrar,
    private readonly host: string,
    private readonly portBlock: PortBlock,
    private readonly clock: Clock,
    private readonly calls: CallRegistry,
    private readonly events: CallEvents,
    private readonly routingPoints: RoutingPoints,
  ) {}

  private referHandler?: (call: Call, leg: LegName, request: IncomingRequest) => void;
  private closed = false;

  handleInvite(request: IncomingRequest): void {
    this.connect(request).catch((error: unknown) => {
      try {
        if (!request.final) request.respond(500, { reason: `reference SUT: ${error instanceof Error ? error.message : String(error)}`.slice(0, 120) });
      } catch {
        // the SUT closed meanwhile (a call still waiting at a routing point): nobody to answer
      }
    });
  }

  private route(request: IncomingRequest): Route | ParkedRoute | RouteRefusal {
    const source = { host: request.source.host, port: request.source.port };
    const uri = request.message.uri;
    const dialled = uri instanceof SipUri ? uri.user : undefined;
    if (!dialled) return new RouteRefusal(404, `Request-URI ${uri.toString()} names no DN`);
    const trunk = this.directory.trunkByPeer(formatHostPort(source));
    const callingDn = trunk ? undefined : this.registrar.dnOfContact(source);
    if (!trunk && !callingDn) return new RouteRefusal(403, `${formatHostPort(source)} is neither a trunk group peer nor a registered phone`);
    const caller: CallParty = trunk ? { dn: trunk.dn, kind: 'trunk' } : { dn: callingDn!, kind: partyKindOf(this.directory.dn(callingDn!)?.type) };
    const entry = this.directory.dn(dialled);
    if (entry?.type === 'RoutingPoint') return { caller, routingPoint: entry };
    return this.destination(dialled, caller);
  }

  /** Where a call from `caller` for `dialled` goes: a registered phone, or out through a trunk group. */
  private destination(dialled: string, caller: CallParty): Route | RouteRefusal {
    const entry = this.directory.dn(dialled);
    if (entry && this.directory.isRegistrable(dialled)) {
      const contact = this.registrar.contactOf(dialled);
      if (!contact) return new RouteRefusal(480, `DN ${dialled} has no registered phone`);
      return { parties: { caller, callee: { dn: dialled, kind: partyKindOf(entry.type) } }, target: contact, targetUser: dialled };
    }
    if (caller.kind === 'trunk') return new RouteRefusal(404, `DN ${dialled} is not an Extension, ACD Position or treatment port of the directory`);
    const outTrunk = this.directory.entries().find((e) => e.type === 'TrunkGroup' && e.peer !== undefined);
    if (!outTrunk || outTrunk.type !== 'TrunkGroup' || !outTrunk.peer) return new RouteRefusal(503, 'no trunk group with a peer for an outbound call');
    return { parties: { caller, callee: { dn: outTrunk.dn, kind: 'trunk' } }, target: parseHostPort(outTrunk.peer), targetUser: dialled };
  }

  /** The call waits at its routing point (and at any it is routed on to) until it has a destination. */
  private async leaveRoutingPoint(request: IncomingRequest, call: Call, parked: ParkedRoute): Promise<Route | RouteRefusal> {
    request.onCancel(() => this.routingPoints.cancel(call.connId));
    const outcome = await routeOnward(this.routingPoints, this.directory, call, parked.routingPoint);
    if (outcome.kind === 'refused') return new RouteRefusal(outcome.status, outcome.reason);
    return this.destination(outcome.otherDn, parked.caller);
  }

  private async connect(request: IncomingRequest): Promise<void> {
    const first = this.route(request);
    if (first instanceof RouteRefusal) {
      request.respond(first.status, { reason: first.reason });
      return;
    }
    const callerOffer = readSdp(request.message.body);
    const callerAudio = callerOffer.media.find((m) => m.type === 'audio' && m.port !== 0);
    if (!callerAudio) {
      request.respond(488, { reason: 'the offer has no usable m=audio line' });
      return;
    }
    const relay = await this.openRelay();
    if (this.closed) {
      relay.close();
      return;
    }
    const call = new Call(newConnectionId(), relay);
    call.addLeg('caller', 'routingPoint' in first ? first.caller : first.parties.caller);
    this.calls.add(call);
    const route = 'routingPoint' in first ? await this.leaveRoutingPoint(request, call, first) : first;
    if (route instanceof RouteRefusal) {
      this.discard(call); // first: when the SUT is closing, answering the caller may fail
      if (!request.final) request.respond(route.status, { reason: route.reason });
      return;
    }
    const calleeLeg = call.addLeg('callee', route.parties.callee);
    relay.setRemote('caller', { host: callerAudio.address, port: callerAudio.port });
    const sut = formatHostPort(this.ua.address);
    const fromUser = route.parties.caller.dn;
    const invite = this.ua.invite({
      uri: `sip:${route.targetUser}@${formatHostPort(route.target)}`,
      from: `<sip:${fromUser}@${sut}>`,
      to: `<sip:${route.targetUser}@${sut}>`,
      body: buildSdp({ address: this.host, media: [{ port: relay.local('callee').port, codecs: g711Codecs(callerAudio) }] }),
      contentType: 'application/sdp',
      destination: route.target,
    });
    request.onCancel(() => invite.cancel());
    invite.onProvisional((response) => {
      if (response.status >= 180 && response.status < 200 && !request.final) {
        request.respond(response.status === 183 ? 180 : response.status);
        if (response.status === 180) this.events.emit('ringing', call, calleeLeg);
      }
    });
    const { response, dialog: calleeDialog } = await invite.final;
    if (call.releasedAtMs !== undefined) {
      // the SUT closed while the callee was being reached: close() already ended the call
      if (calleeDialog) await calleeDialog.bye().catch(() => undefined);
      return;
    }
    if (response.status >= 300 || !calleeDialog || request.cancelled) {
      if (calleeDialog) await calleeDialog.bye().catch(() => undefined);
      if (!request.final) request.respond(response.status >= 300 ? response.status : 487, { reason: response.reason });
      this.discard(call);
      return;
    }
    const calleeAudio = readSdp(response.body).media.find((m) => m.type === 'audio' && m.port !== 0);
    if (calleeAudio) relay.setRemote('callee', { host: calleeAudio.address, port: calleeAudio.port });
    const callerDialog = request.accept({
      body: buildSdp({ address: this.host, media: [{ port: relay.local('caller').port, codecs: calleeAudio ? g711Codecs(calleeAudio) : ['PCMU'] }] }),
      contentType: 'application/sdp',
    });
    call.leg('caller').dialog = callerDialog;
    calleeLeg.dialog = calleeDialog;
    call.markEstablished(this.clock.now());
    this.attach(call, 'caller', callerDialog);
    this.attach(call, 'callee', calleeDialog);
    this.events.emit('established', call);
  }

  /** Transfer modules hear REFERs received in a leg's dialog (call/transfer/refer-handler.ts). */
  onRefer(handler: (call: Call, leg: LegName, request: IncomingRequest) => void): void {
    this.referHandler = handler;
  }

  /**
   * Requests in one leg's dialog: BYE releases the call (unless the dialog no longer serves the
   * leg: its party was transferred away), re-INVITE (hold) goes to the other leg, REFER to transfer.
   */
  attach(call: Call, leg: LegName, dialog: Dialog): void {
    dialog.onRequest((request) => {
      if (request.method === 'REFER' && this.referHandler) {
        this.referHandler(call, leg, request);
      } else if (request.method === 'INVITE') {
        this.relayReinvite(call, leg, request).catch(() => {
          if (!request.final) request.respond(500);
        });
      } else if (request.method === 'INFO') {
        request.respond(200);
      } else if (request.method !== 'BYE') {
        request.respond(501);
      } else {
        request.respond(200);
      }
    });
    dialog.onTerminated(() => {
      if (call.leg(leg).dialog === dialog) this.release(call, leg);
    });
  }

  private async relayReinvite(call: Call, from: LegName, request: IncomingRequest): Promise<void> {
    const to: LegName = from === 'caller' ? 'callee' : 'caller';
    const offer = readSdp(request.message.body);
    const audio = offer.media.find((m) => m.type === 'audio');
    if (audio && audio.port !== 0) call.relay.setRemote(from, { host: audio.address, port: audio.port });
    const onward = call.leg(to).dialog;
    if (!onward || !audio) {
      request.respond(488, { reason: 'nothing to relay the re-INVITE to' });
      return;
    }
    const response = await onward.reinvite({
      body: buildSdp({ address: this.host, media: [{ port: call.relay.local(to).port, direction: audio.direction }] }),
      contentType: 'application/sdp',
    });
    const answer = response.status < 300 ? readSdp(response.body).media.find((m) => m.type === 'audio') : undefined;
    if (answer && answer.port !== 0) call.relay.setRemote(to, { host: answer.address, port: answer.port });
    request.respond(response.status < 300 ? 200 : response.status, {
      body: buildSdp({ address: this.host, media: [{ port: call.relay.local(from).port, direction: answer?.direction ?? 'inactive' }] }),
      contentType: 'application/sdp',
    });
  }

  /** The SUT stops: every call still up or being set up ends with it (BYE to its legs, media anchor closed). */
  close(): void {
    this.closed = true;
    for (const call of [...this.calls.live()]) this.hangUp(call);
  }

  /** The SUT itself ends the call: BYE to every leg. */
  hangUp(call: Call): void {
    this.release(call, undefined);
  }

  /** One leg ended (BYE either way, or a failure): end the others, release once. */
  private release(call: Call, endedLeg: LegName | undefined): void {
    if (!call.markReleased(this.clock.now())) return;
    for (const other of call.otherLegs(endedLeg)) {
      if (other.dialog && !other.dialog.isTerminated) other.dialog.bye().catch(() => undefined);
    }
    this.calls.remove(call);
    this.events.emit('released', call);
    call.relay.close();
  }

  /** The call never got established: its connId is remembered as released (DYN-06), its media anchor closed, listeners told. */
  private discard(call: Call): void {
    this.calls.remove(call);
    call.relay.close();
    this.events.emit('abandoned', call);
  }

  private async openRelay(): Promise<MediaRelay> {
    const [caller, callee] = await bindUdpSocketPair(this.portBlock, this.host);
    return new MediaRelay({ caller, callee });
  }
}
