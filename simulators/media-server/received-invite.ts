import { IncomingRequest } from '../sip';
import { ReceivedRecordingInvite } from '../gir-msml/recording-invite-check';

/**
 * A recording INVITE exactly as it reached the fake Media Server, whether it became a session or
 * was refused (by a fault knob or by the profile's own checks): what MS-01 judges, and when the
 * SUT gave up on it (its CANCEL).
 */
export interface ReceivedInvite extends ReceivedRecordingInvite {
  atMs: number;
  /** Clock.now() of the SUT's CANCEL, if it cancelled the INVITE. */
  cancelledAtMs?: number;
}

export function receivedInvite(request: IncomingRequest, atMs: number, now: () => number): ReceivedInvite {
  const message = request.message;
  const invite: ReceivedInvite = { atMs, uri: message.uri.toString(), header: (name) => message.headers.get(name) ?? undefined, body: message.body };
  request.onCancel(() => (invite.cancelledAtMs = now()));
  return invite;
}
