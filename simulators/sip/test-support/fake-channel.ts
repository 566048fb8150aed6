import { ManualClock } from '../../time/manual-clock';
import { parseMessage } from '../message/parser';
import { SipRequest } from '../message/sip-request';
import { SipResponse } from '../message/sip-response';
import { TransactionContext } from '../transaction/transaction';
import { DEFAULT_TIMERS, TimerSettings } from '../transaction/timer-settings';

/** A transaction context whose sends are recorded with their ManualClock time. */
export class FakeChannel {
  readonly sent: Array<{ at: number; text: string }> = [];
  failNext = false;
  terminated = 0;

  constructor(
    readonly clock = new ManualClock(),
    readonly reliable = false,
    readonly timers: TimerSettings = DEFAULT_TIMERS,
  ) {}

  context(): TransactionContext {
    return {
      clock: this.clock,
      timers: this.timers,
      reliable: this.reliable,
      send: (data) => {
        if (this.failNext) {
          this.failNext = false;
          return Promise.reject(new Error('wire cut'));
        }
        this.sent.push({ at: this.clock.now(), text: data.toString('utf8') });
        return Promise.resolve();
      },
      onTerminated: () => void this.terminated++,
    };
  }

  /** Times at which a message whose first line starts with `prefix` was sent. */
  timesOf(prefix: string): number[] {
    return this.sent.filter((s) => s.text.startsWith(prefix)).map((s) => s.at);
  }

  last(): SipRequest | SipResponse {
    return parseMessage(this.sent[this.sent.length - 1].text);
  }
}
