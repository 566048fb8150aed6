import { DirectoryEntry } from '../../profiles/profile-schema';

export type DnEntry = Exclude<DirectoryEntry, { type: 'AgentLogin' }>;
export type AgentLoginEntry = Extract<DirectoryEntry, { type: 'AgentLogin' }>;
export type TrunkGroupEntry = Extract<DirectoryEntry, { type: 'TrunkGroup' }>;

/** DN types a phone may REGISTER (PROFILE-RULES.md rule 23). */
const REGISTRABLE: ReadonlySet<DnEntry['type']> = new Set(['Extension', 'ACDPosition', 'VoiceTreatmentPort']);

/** The SUT's configuration of DNs and agent logins; changed live by RequestConfigUpdate (rule 13). */
export class Directory {
  private readonly dns = new Map<string, DnEntry>();
  private readonly logins = new Map<string, AgentLoginEntry>();

  constructor(entries: readonly DirectoryEntry[]) {
    this.upsert(entries);
  }

  /** Adds or replaces entries, keyed by `dn` (by `agentId` for Agent Logins). */
  upsert(entries: readonly DirectoryEntry[]): void {
    for (const entry of entries) {
      if (entry.type === 'AgentLogin') this.logins.set(entry.agentId, entry);
      else this.dns.set(entry.dn, entry);
    }
  }

  dn(dn: string): DnEntry | undefined {
    return this.dns.get(dn);
  }

  agentLogin(agentId: string): AgentLoginEntry | undefined {
    return this.logins.get(agentId);
  }

  isRegistrable(dn: string): boolean {
    const entry = this.dns.get(dn);
    return entry !== undefined && REGISTRABLE.has(entry.type);
  }

  /** The trunk group whose `peer` is exactly this source address (rule 22). */
  trunkByPeer(hostPort: string): TrunkGroupEntry | undefined {
    for (const entry of this.dns.values()) {
      if (entry.type === 'TrunkGroup' && entry.peer === hostPort) return entry;
    }
    return undefined;
  }

  entries(): DirectoryEntry[] {
    return [...this.dns.values(), ...this.logins.values()];
  }
}
