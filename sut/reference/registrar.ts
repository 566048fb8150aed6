import { HostPort, formatHostPort } from '../../simulators/net/host-port';
import { Clock } from '../../simulators/time/clock';

interface Binding {
  contact: HostPort;
  expiresAtMs: number;
}

/** Which phone answers for which DN (PROFILE-RULES.md rule 23): DN → Contact, with expiry. */
export class Registrar {
  private readonly bindings = new Map<string, Binding>();

  constructor(private readonly clock: Clock) {}

  bind(dn: string, contact: HostPort, expiresSeconds: number): void {
    if (expiresSeconds <= 0) this.bindings.delete(dn);
    else this.bindings.set(dn, { contact, expiresAtMs: this.clock.now() + expiresSeconds * 1000 });
  }

  contactOf(dn: string): HostPort | undefined {
    const binding = this.bindings.get(dn);
    if (!binding) return undefined;
    if (binding.expiresAtMs <= this.clock.now()) {
      this.bindings.delete(dn);
      return undefined;
    }
    return binding.contact;
  }

  /** The DN registered from this address: an INVITE from it is an outbound call of that DN. */
  dnOfContact(address: HostPort): string | undefined {
    const wanted = formatHostPort(address);
    for (const [dn, binding] of this.bindings) {
      if (formatHostPort(binding.contact) === wanted && binding.expiresAtMs > this.clock.now()) return dn;
    }
    return undefined;
  }
}
