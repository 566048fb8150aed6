import { Call } from '../../call/call';
import { CallEventListener } from '../../call/call-events';
import { AgentSessions } from '../../agents/agent-sessions';
import { DuplicateIdError } from '../../errors';
import { GsipRecord } from '../attached-data';
import { LiveIds } from '../live-ids';
import { RecordingDecision } from '../recording-decision';

/** TRouteCall extension `record` (seed, "Selective Recording"). */
export type SelectiveRecord = 'destination' | 'disable_destination';

/** What the routing strategy asked of a routed call. */
export interface SelectiveSetting {
  record: SelectiveRecord;
  id?: string;
  dest?: string;
  /** The routing point whose RequestRouteCall set it. */
  routingPoint: string;
}

/** How selective recording deviates (deviations.ts); all false for the faithful SUT. */
export interface SelectiveDeviations {
  ignoresDestination: boolean;
  sourceForDestination: boolean;
  ignoresDisable: boolean;
  acceptsDuplicateId: boolean;
  dropsDest: boolean;
  /** The routed call's record=destination still applies after a transfer (SEL-04). */
  settingSurvivesTransfer: boolean;
  /** record=destination from a routing point a transfer went through is not applied (SEL-04). */
  ignoresRecordAfterTransfer: boolean;
  /** record=disable_destination leaves a live recording (a trunk group's, FT-06) running (SEL-02). */
  disableKeepsLiveRecording: boolean;
}

/**
 * record=destination records the agent side (SEL-01, SEL-03, rule 1): the routed-to agent of an
 * inbound call, the calling agent of an outbound one. Record-Side is destination (rule 2); the
 * extension id and dest go to the Media Server as they came.
 */
export function selectiveDecision(call: Call, setting: SelectiveSetting, deviations: SelectiveDeviations, agentId?: string): RecordingDecision | undefined {
  const agent = call.legs.find((l) => l.name === 'callee' && l.party.kind === 'agent') ?? call.agentLegs()[0];
  if (!agent) return undefined;
  const party = deviations.sourceForDestination ? (call.otherLegs(agent.name)[0] ?? agent) : agent;
  return {
    partyLeg: party.name, dn: party.party.dn, side: 'destination', partitions: [], method: 'selective',
    ...(setting.id !== undefined ? { recordId: setting.id } : {}),
    ...(setting.dest !== undefined && !deviations.dropsDest ? { dest: setting.dest } : {}),
    ...(agentId !== undefined ? { agentId } : {}),
    reason: `selective: RequestRouteCall at routing point ${setting.routingPoint}, record=destination`,
  };
}

/**
 * The routed calls' selective settings and the live ids (rule 17). When a call is established,
 * its setting decides over full-time recording (rule 14: one recording, with the selective
 * parameters; disable_destination suppresses the routed leg's over DN and login record=true).
 */
export class SelectiveRecordings implements CallEventListener {
  private readonly settings = new Map<string, SelectiveSetting & { recorded: boolean }>();
  readonly liveIds = new LiveIds();

  constructor(private readonly agents: AgentSessions, private readonly deviations: SelectiveDeviations) {}

  /** SEL-05: a live id is refused (DuplicateId) before anything changes. */
  checkId(setting: Pick<SelectiveSetting, 'record' | 'id'>): void {
    if (setting.record !== 'destination' || setting.id === undefined) return;
    if (this.liveIds.isLive(setting.id) && !this.deviations.acceptsDuplicateId) throw new DuplicateIdError(`record id "${setting.id}" is live: ids are globally unique`);
  }

  /** RequestRouteCall accepted: a later routing point's setting replaces an earlier one (SEL-02). */
  set(call: Call, setting: SelectiveSetting): void {
    this.forget(call.connId);
    this.settings.set(call.connId, { ...setting, recorded: false });
    if (setting.record === 'destination' && setting.id !== undefined) this.liveIds.reserve(setting.id, call.connId);
  }

  /** At the answer: the selective recording to make, 'suppressed', or undefined (not routed with record). */
  decisionAt(call: Call): RecordingDecision | 'suppressed' | undefined {
    const setting = this.settings.get(call.connId);
    if (!setting) return undefined;
    if (setting.record === 'disable_destination') return this.deviations.ignoresDisable ? undefined : 'suppressed';
    if (this.deviations.ignoresDestination) return 'suppressed';
    const agentDn = call.legs.find((l) => l.name === 'callee' && l.party.kind === 'agent')?.party.dn ?? call.agentLegs()[0]?.party.dn;
    const decision = selectiveDecision(call, setting, this.deviations, agentDn === undefined ? undefined : this.agents.agentOn(agentDn));
    if (decision) setting.recorded = true;
    return decision;
  }

  /** After a transfer: the setting of a routing point the transfer went through, if any (SEL-04). */
  decisionAfterTransfer(call: Call): RecordingDecision | 'suppressed' | undefined {
    return this.deviations.ignoresRecordAfterTransfer ? undefined : this.decisionAt(call);
  }

  /** A selective recording's voice went OFF (stopped or failed): its id is free again. */
  voiceChanged(recording: { call: Call; decision: RecordingDecision }, value: GsipRecord): void {
    if (value === 'OFF' && recording.decision.method === 'selective' && recording.decision.recordId !== undefined) {
      this.liveIds.release(recording.decision.recordId, recording.call.connId);
    }
  }

  /**
   * A transfer ends the selective recording (SEL-04): the new leg is recorded only if a routing
   * point on the way sets record again. A live id stays reserved until its recording's OFF.
   */
  legReleased(call: Call): void {
    if (!this.deviations.settingSurvivesTransfer) this.forget(call.connId);
  }

  /** A call released without its recording: the id it reserved is free again. */
  released(call: Call): void {
    this.forget(call.connId);
  }

  /** A routed call that never got established (the destination refused or did not answer) frees its id too. */
  abandoned(call: Call): void {
    this.forget(call.connId);
  }

  private forget(connId: string): void {
    const setting = this.settings.get(connId);
    this.settings.delete(connId);
    if (setting?.id !== undefined && !setting.recorded) this.liveIds.release(setting.id, connId);
  }
}
