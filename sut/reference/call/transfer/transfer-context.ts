import { formatHostPort } from '../../../../simulators/net/host-port';
import { buildSdp, Dialog, readSdp, SipUserAgent } from '../../../../simulators/sip';
import { Clock } from '../../../../simulators/time/clock';
import { Registrar } from '../../registrar';
import { SutDeviations } from '../../deviations';
import { Directory } from '../../directory';
import { RoutingPoints } from '../../routing/routing-points';
import { LegName } from '../../media/media-relay';
import { Call, partyKindOf } from '../call';
import { CallEvents } from '../call-events';
import { CallRegistry } from '../call-registry';

/** What the transfer modules need of the call layer (the B2BUA fills it). */
export interface TransferContext {
  ua: SipUserAgent;
  host: string;
  clock: Clock;
  directory: Directory;
  registrar: Registrar;
  calls: CallRegistry;
  events: CallEvents;
  /** Where a transfer to a routing point waits for its RequestRouteCall (SEL-04). */
  routingPoints: RoutingPoints;
  /** Serves a leg's dialog: BYE, re-INVITE, REFER (B2bua.attach). */
  attach(call: Call, leg: LegName, dialog: Dialog): void;
  /** Ends the whole call. */
  hangUp(call: Call): void;
  deviations: SutDeviations['transfer'];
}

/** A DN a transfer may go to: an agent DN with a registered phone (rule 23), or a routing point (SEL-04). */
export function canReach(context: TransferContext, dn: string): boolean {
  if (context.directory.dn(dn)?.type === 'RoutingPoint') return true;
  return context.directory.isRegistrable(dn) && context.registrar.contactOf(dn) !== undefined;
}

/**
 * The leg's party leaves a call that goes on (PROFILE-RULES.md rule 15: the moment a transfer
 * releases the transferring agent's leg): listeners hear it first, so its recording stops at once,
 * then it gets its BYE. The leg keeps no dialog, so that BYE does not release the call.
 */
export function detachLeg(context: TransferContext, call: Call, legName: LegName, kind: 'blind' | 'consultation', via?: 'routing-point'): void {
  const leg = call.leg(legName);
  const dialog = leg.dialog;
  leg.dialog = undefined;
  if (!context.deviations.keepsRecording.has(kind)) context.events.emit('legReleased', call, leg, via);
  if (dialog && !dialog.isTerminated) dialog.bye().catch(() => undefined);
}

/** Puts `dialog`, which reaches `dn`, on the call's `legName`: the party changes (partyChanged). */
export function adoptLeg(context: TransferContext, call: Call, legName: LegName, dn: string, dialog: Dialog): void {
  const previous = call.leg(legName);
  const leg = call.replaceLeg(legName, { dn, kind: partyKindOf(context.directory.dn(dn)?.type) });
  leg.dialog = dialog;
  context.attach(call, legName, dialog);
  context.events.emit('partyChanged', call, leg, previous);
}

/**
 * INVITEs the phone of `dn` for `legName` of the call, its media on that leg's side of the anchor;
 * on its answer the leg reaches it. A target that does not answer ends the call.
 */
export async function connectLeg(context: TransferContext, call: Call, legName: LegName, dn: string): Promise<void> {
  const contact = context.registrar.contactOf(dn);
  const sut = formatHostPort(context.ua.address);
  const from = call.otherLegs(legName)[0]?.party.dn ?? 'sut';
  if (!contact) return context.hangUp(call);
  const invite = context.ua.invite({
    uri: `sip:${dn}@${formatHostPort(contact)}`,
    from: `<sip:${from}@${sut}>`,
    to: `<sip:${dn}@${sut}>`,
    body: buildSdp({ address: context.host, media: [{ port: call.relay.local(legName).port }] }),
    contentType: 'application/sdp',
    destination: contact,
  });
  const { response, dialog } = await invite.final;
  if (response.status >= 300 || !dialog || call.state === 'released') {
    if (dialog) await dialog.bye().catch(() => undefined);
    if (call.state !== 'released') context.hangUp(call);
    return;
  }
  const audio = readSdp(response.body).media.find((m) => m.type === 'audio' && m.port !== 0);
  if (audio) call.relay.setRemote(legName, { host: audio.address, port: audio.port });
  adoptLeg(context, call, legName, dn, dialog);
}
