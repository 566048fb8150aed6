import { TraceEvent } from '../../simulators/sip';
import { formatHostPort } from '../../simulators/net/host-port';
import { Clock } from '../../simulators/time/clock';

/** Every SIP message of a scenario, in order, as text: attached to the report when a scenario fails. */
export class SipTrace {
  private readonly lines: string[] = [];
  private readonly origin: number;

  constructor(private readonly clock: Clock) {
    this.origin = clock.now();
  }

  /** A trace callback for the SIP party named `who`. */
  recorder(who: string): (event: TraceEvent) => void {
    return (event) => {
      const at = (this.clock.now() - this.origin).toFixed(1).padStart(8);
      const arrow = event.direction === 'out' ? '→' : event.direction === 'in' ? '←' : '✗';
      const head = `${at} ms  ${who} ${arrow} ${formatHostPort(event.remote)}`;
      const text = event.data.toString('utf8');
      this.lines.push(`${head}${event.error ? `  (discarded: ${event.error.message})` : ''}\n${text.trimEnd()}\n`);
    };
  }

  /** The first line of each message, for a quick ladder. */
  summary(): string {
    return this.lines.map((entry) => entry.split('\n').slice(0, 2).join('  ')).join('\n');
  }

  toString(): string {
    return this.lines.join('\n');
  }
}
