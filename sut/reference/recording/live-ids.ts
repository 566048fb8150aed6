/**
 * Selective recording ids that are live (PROFILE-RULES.md rule 17): from the EventACK of the
 * RequestRouteCall that carries one with record=destination until its recording stops, or the call
 * is released without one. Ids are globally unique, so a live one cannot be given again (SEL-05).
 */
export class LiveIds {
  private readonly owners = new Map<string, string>();

  isLive(id: string): boolean {
    return this.owners.has(id);
  }

  /** The id is now live for the call `connId`. */
  reserve(id: string, connId: string): void {
    this.owners.set(id, connId);
  }

  /** The id is free again, if `connId` (when given) is the call it was live for. */
  release(id: string, connId?: string): void {
    if (connId === undefined || this.owners.get(id) === connId) this.owners.delete(id);
  }

  get size(): number {
    return this.owners.size;
  }
}
