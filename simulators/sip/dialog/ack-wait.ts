import { Clock, TimerHandle } from '../../time/clock';
import { SipTimeoutError } from '../errors';
import { TimerSettings } from '../transaction/timer-settings';

/**
 * RFC 3261 13.3.1.4: the UAS core retransmits its 2xx to an INVITE "with an interval that starts
 * at T1 seconds and doubles for each retransmission until it reaches T2 seconds", until the ACK
 * arrives; after 64*T1 without one the session should end. Runs on any transport, because a hop
 * further on may be unreliable.
 */
export class AckWait {
  private retransmitTimer?: TimerHandle;
  private giveUpTimer?: TimerHandle;
  private interval: number;
  private done = false;
  readonly promise: Promise<void>;
  private resolve!: () => void;
  private reject!: (error: Error) => void;

  constructor(
    private readonly clock: Clock,
    private readonly timers: TimerSettings,
    private readonly retransmit: () => void,
    private readonly onTimeout: (error: SipTimeoutError) => void,
    readonly cseq: number,
    private readonly label: string,
  ) {
    this.interval = timers.t1;
    this.promise = new Promise<void>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    // Handled here so that an unawaited timeout cannot crash the process; onTimeout reports it.
    this.promise.catch(() => undefined);
    this.retransmitTimer = clock.setTimer(this.interval, () => this.fire());
    this.giveUpTimer = clock.setTimer(64 * timers.t1, () => this.giveUp());
  }

  private fire(): void {
    if (this.done) return;
    this.retransmit();
    this.interval = Math.min(2 * this.interval, this.timers.t2);
    this.retransmitTimer = this.clock.setTimer(this.interval, () => this.fire());
  }

  private giveUp(): void {
    if (this.done) return;
    const error = new SipTimeoutError(`no ACK for the 2xx to ${this.label} within 64*T1`, this.label, '2xx-retransmission');
    this.finish();
    this.reject(error);
    this.onTimeout(error);
  }

  acknowledged(): void {
    if (this.done) return;
    this.finish();
    this.resolve();
  }

  /** Stops waiting because the dialog ended; the promise rejects with `error`. */
  abandon(error: Error): void {
    if (this.done) return;
    this.finish();
    this.reject(error);
  }

  private finish(): void {
    this.done = true;
    this.retransmitTimer?.cancel();
    this.giveUpTimer?.cancel();
  }
}
