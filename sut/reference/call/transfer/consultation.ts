import { buildSdp, readSdp, ReplacesInfo } from '../../../../simulators/sip';
import { LegName } from '../../media/media-relay';
import { Call, CallLeg } from '../call';
import { adoptLeg, detachLeg, TransferContext } from './transfer-context';

/** The leg whose dialog a Replaces names (RFC 3891: to-tag is our local tag, from-tag our remote one). */
export function legReplaced(context: TransferContext, replaces: ReplacesInfo): { call: Call; leg: CallLeg } | undefined {
  for (const call of context.calls.live()) {
    for (const leg of call.legs) {
      const d = leg.dialog;
      if (d && d.callId === replaces.callId && d.localTag === replaces.toTag && d.remoteTag === replaces.fromTag) return { call, leg };
    }
  }
  return undefined;
}

/**
 * Completes a consultation transfer (FT-03): the transferring agent's legs in the held call and in
 * the consultation are released at once (rule 15: when it completes), the consulted party is moved
 * onto the held call's side (a re-INVITE points its media at that anchor), the consultation call
 * ends, and the held party is taken off hold.
 */
export async function completeConsultation(context: TransferContext, call: Call, from: LegName, consultation: { call: Call; leg: CallLeg }): Promise<void> {
  const consult = consultation.call;
  const target = consult.otherLegs(consultation.leg.name)[0];
  if (!target?.dialog) return;
  const targetDialog = target.dialog;
  target.dialog = undefined; // the consultation call no longer ends with this dialog
  detachLeg(context, call, from, 'consultation');
  detachLeg(context, consult, consultation.leg.name, 'consultation');
  if (consult.markReleased(context.clock.now())) {
    context.calls.remove(consult);
    context.events.emit('released', consult);
  }
  const moved = await targetDialog.reinvite({ body: buildSdp({ address: context.host, media: [{ port: call.relay.local(from).port }] }), contentType: 'application/sdp' });
  consult.relay.close();
  const audio = moved.status < 300 ? readSdp(moved.body).media.find((m) => m.type === 'audio' && m.port !== 0) : undefined;
  if (!audio || call.state === 'released') {
    await targetDialog.bye().catch(() => undefined);
    if (call.state !== 'released') context.hangUp(call);
    return;
  }
  call.relay.setRemote(from, { host: audio.address, port: audio.port });
  adoptLeg(context, call, from, target.party.dn, targetDialog);
  const held = call.otherLegs(from)[0]?.dialog;
  if (held && !held.isTerminated) {
    await held.reinvite({ body: buildSdp({ address: context.host, media: [{ port: call.relay.local(call.otherLegs(from)[0].name).port, direction: 'sendrecv' }] }), contentType: 'application/sdp' }).catch(() => undefined);
  }
}
