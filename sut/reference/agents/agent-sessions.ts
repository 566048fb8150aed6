import { InvalidStateError } from '../errors';

/** Which agent is logged in on which DN (FT-04/05, PROFILE-RULES.md rule 12), and the cluster mode. */
export class AgentSessions {
  private readonly agentByDn = new Map<string, string>();
  private readonly former = new Map<string, string[]>();
  /** `sut.cluster`: Agent Login recording is not supported with SIP Cluster (FT-05). */
  cluster = false;

  login(agentId: string, dn: string): void {
    const onDn = this.agentByDn.get(dn);
    if (onDn !== undefined) throw new InvalidStateError(`agent ${onDn} is logged in on DN ${dn}: log out first`);
    const elsewhere = this.dnOf(agentId);
    if (elsewhere !== undefined) throw new InvalidStateError(`agent ${agentId} is already logged in on DN ${elsewhere}`);
    this.agentByDn.set(dn, agentId);
  }

  logout(dn: string): string {
    const agentId = this.agentByDn.get(dn);
    if (agentId === undefined) throw new InvalidStateError(`no agent is logged in on DN ${dn}`);
    this.agentByDn.delete(dn);
    this.former.set(dn, [...(this.former.get(dn) ?? []), agentId]);
    return agentId;
  }

  agentOn(dn: string): string | undefined {
    return this.agentByDn.get(dn);
  }

  /** Agents that were logged in on the DN and logged out (kept for a deviation to misuse). */
  formerAgentsOn(dn: string): readonly string[] {
    return this.former.get(dn) ?? [];
  }

  dnOf(agentId: string): string | undefined {
    for (const [dn, agent] of this.agentByDn) if (agent === agentId) return dn;
    return undefined;
  }
}
