import { Clock } from '../../time/clock';
import { SipRequest } from '../message/sip-request';
import { Uri } from '../message/uri';
import { TimerSettings } from '../transaction/timer-settings';
import { ClientTransactionUser } from '../transaction/transaction-user';
import type { Dialog } from './dialog';

/** What a dialog needs from the UA core below it. */
export interface DialogCore {
  readonly clock: Clock;
  readonly timers: TimerSettings;
  /** Sends a request in a new client transaction towards `nextHop` (Via and branch filled in). */
  sendRequest(request: SipRequest, nextHop: Uri, user: ClientTransactionUser): void;
  /** Sends the ACK of a 2xx outside any transaction (RFC 3261 13.2.2.4). */
  sendAck(ack: SipRequest, nextHop: Uri): void;
  /** The dialog reached Terminated: the core forgets it. */
  forget(dialog: Dialog): void;
}
