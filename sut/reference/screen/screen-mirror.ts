import { ScreenAction } from '../../../simulators/screen/screen-command';
import { Clock } from '../../../simulators/time/clock';
import { AgentSessions } from '../agents/agent-sessions';
import { Call } from '../call/call';
import { Directory } from '../directory';
import { GsipRecord } from '../recording/attached-data';
import { RecordingDecision } from '../recording/recording-decision';
import { ScreenCommandSender } from './screen-service-client';

/** How the mirror deviates (deviations.ts); false and zero for the faithful SUT. */
export interface ScreenMirrorDeviations {
  sendsNoPause: boolean;
  followsUnconfiguredAgents: boolean;
  sessionAsRecordingId: boolean;
  stopDelayMs: number;
}

/** What the mirror needs of a recording whose voice state changed. */
export interface MirroredRecording {
  readonly call: Call;
  readonly decision: RecordingDecision;
  readonly session: string;
}

/** One recording the mirror follows: its agents and the screen state its commands set. */
interface Followed {
  agentIds: string[];
  connId: string;
  recordingId: string;
  screen: 'off' | 'recording' | 'paused';
}

/**
 * Screen recording follows voice (SCR-01, PROFILE-RULES.md rule 20): for each agent logged in on a
 * DN of the call whose Agent Login or DN entry has `screen: true`, every start, pause, resume and
 * stop of the call's voice recording sends the same command to the screen-recording service.
 * Each command goes out as the voice changes, without waiting for the answer to the one before: a
 * service that fails or does not answer is logged in `failures`, delays no later command and
 * never reaches back into the voice recording.
 */
export class ScreenMirror {
  private readonly followed = new Map<string, Followed>();
  private readonly inFlight = new Set<Promise<void>>();
  readonly failures: Error[] = [];

  constructor(
    private readonly directory: Directory,
    private readonly agents: AgentSessions,
    private readonly send: ScreenCommandSender,
    private readonly clock: Clock,
    private readonly deviations: ScreenMirrorDeviations,
  ) {}

  /** GSIP_RECORD of a recording changed: the first ON is its start, ON after PAUSED a resume. */
  voiceChanged(recording: MirroredRecording, value: GsipRecord): void {
    let followed = this.followed.get(recording.session);
    if (!followed) {
      if (value !== 'ON') return; // a start that failed never started the screen either
      const agentIds = this.screenAgents(recording.call);
      if (agentIds.length === 0) return;
      followed = { agentIds, connId: recording.call.connId, recordingId: (this.deviations.sessionAsRecordingId ? undefined : recording.decision.recordId) ?? recording.session, screen: 'off' };
      this.followed.set(recording.session, followed);
    }
    const action = this.actionFor(followed, value);
    if (!action) return;
    if (action === 'stop') this.followed.delete(recording.session);
    if (action === 'pause' && this.deviations.sendsNoPause) return;
    const delayMs = action === 'stop' ? this.deviations.stopDelayMs : 0;
    const command = { action, connId: followed.connId, recordingId: followed.recordingId };
    const { agentIds } = followed;
    const sent = (async () => {
      if (delayMs > 0) await new Promise<void>((resolve) => this.clock.setTimer(delayMs, resolve));
      await Promise.all(agentIds.map((agentId) => this.send(agentId, command).catch((error: unknown) => {
        this.failures.push(error instanceof Error ? error : new Error(String(error)));
      })));
    })();
    this.inFlight.add(sent);
    void sent.finally(() => this.inFlight.delete(sent));
  }

  /** Settles once every command sent so far has been answered or has failed (for tests). */
  async settled(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }

  private actionFor(followed: Followed, value: GsipRecord): ScreenAction | undefined {
    const from = followed.screen;
    if (value === 'OFF') {
      followed.screen = 'off';
      return from === 'off' ? undefined : 'stop';
    }
    if (value === 'PAUSED') {
      if (from !== 'recording') return undefined;
      followed.screen = 'paused';
      return 'pause';
    }
    followed.screen = 'recording';
    return from === 'off' ? 'start' : from === 'paused' ? 'resume' : undefined;
  }

  /** The agents logged in on the call's DNs whose login or DN entry asks for screen recording. */
  private screenAgents(call: Call): string[] {
    const agentIds: string[] = [];
    for (const dn of call.dns()) {
      const agentId = this.agents.agentOn(dn);
      if (agentId === undefined) continue;
      const configured = this.directory.dn(dn)?.screen === true || this.directory.agentLogin(agentId)?.screen === true;
      if (configured || this.deviations.followsUnconfiguredAgents) agentIds.push(agentId);
    }
    return agentIds;
  }
}
