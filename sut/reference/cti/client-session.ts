/** One connected CTI client: the DNs it registered, and how to send it an event. */
export class CtiClientSession {
  private readonly dns = new Set<string>();

  constructor(readonly id: number, private readonly write: (event: Record<string, unknown>) => void) {}

  register(dn: string): void {
    this.dns.add(dn);
  }

  unregister(dn: string): boolean {
    return this.dns.delete(dn);
  }

  hasRegistered(dn: string): boolean {
    return this.dns.has(dn);
  }

  send(event: Record<string, unknown>): void {
    this.write(event);
  }
}
