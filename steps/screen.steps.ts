import { Given, Then } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import { ScreenAction } from '../simulators/screen/screen-command';
import { RecordingEvent } from '../simulators/media-server/recording-state';
import { stoppedEvent } from './support/recording-check';
import { assertTiming, harnessInput } from './support/harness-lateness';
import { HARNESS_WAIT_MS, talkFor, within } from './support/waiting';
import { GirWorld } from './support/world';

/** The Media Server event that is the voice change each screen command mirrors (SCR-01). */
const VOICE_EVENT: Record<ScreenAction, RecordingEvent['type']> = { start: 'started', pause: 'paused', resume: 'resumed', stop: 'stopped' };

Given(/^the screen-recording service (answers 500|does not answer)$/, async function (this: GirWorld, fault: string) {
  const stage = await this.callControl();
  stage.screenService.fault = fault === 'answers 500' ? { kind: 'status', status: 500 } : { kind: 'no-answer' };
});

/**
 * The call's one recording has stopped at the Media Server, and tolerance.screenMs has passed since:
 * every screen command that mirrors it (the stop last) is due by then.
 */
async function voiceOverAndScreenDue(world: GirWorld) {
  const stage = await world.callControl();
  const sessions = stage.mediaServer.sessions;
  assert.equal(sessions.length, 1, `the Media Server got ${sessions.length} recording session(s), one expected`);
  const [session] = sessions;
  const stopped = await within(HARNESS_WAIT_MS, `the stop of recording ${session.recording.id}`, stoppedEvent(session));
  await talkFor(Math.max(0, stopped.atMs + world.tolerance.screenMs - world.clock.now()));
  const service = stage.screenService;
  assert.deepEqual(service.invalid.map((r) => `${r.method} ${r.path}: ${r.problem}`), [], 'requests to the screen-recording service that are not screen commands');
  return { session, service };
}

/**
 * SCR-01: the agent's screen got the voice recording's changes, in order, as the same commands:
 * each received within tolerance.screenMs of the Media Server's event for that change, naming the
 * call and the recording (rule 19: the extension id, else the session token).
 */
Then(/^the screen-recording service got ((?:start|pause|resume|stop)(?:, (?:start|pause|resume|stop))*) for the agent "([^"]+)", each within the profile's screen tolerance of the voice change$/, async function (this: GirWorld, list: string, loginRole: string) {
  const login = this.directoryEntry(loginRole, 'AgentLogin');
  const { session, service } = await voiceOverAndScreenDue(this);
  const commands = service.commandsFor(login.agentId);
  const expected = list.split(', ') as ScreenAction[];
  assert.deepEqual(commands.map((c) => c.action), expected, `screen commands for agent ${login.agentId}, in the order received`);
  const others = service.commands.filter((c) => c.agentId !== login.agentId);
  assert.deepEqual(others.map((c) => `${c.action} for ${c.agentId}`), [], 'screen commands for agents not on the call');
  const recordingId = session.offer.parameters.recordId ?? session.offer.uri.session;
  const harness = harnessInput(this.tolerance);
  const seen = new Map<string, number>();
  for (const command of commands) {
    assert.equal(command.connId, session.offer.parameters.connId, `the screen ${command.action} names the call's ConnectionID`);
    assert.equal(command.recordingId, recordingId, `the screen ${command.action} names the recording (rule 19: the extension id, else the session token)`);
    const type = VOICE_EVENT[command.action];
    const nth = seen.get(type) ?? 0;
    seen.set(type, nth + 1);
    const voice = session.recording.events.filter((e) => e.type === type)[nth];
    assert.ok(voice, `the screen got a ${command.action} the voice recording never made (no ${type} event #${nth + 1} at the Media Server)`);
    const offset = command.receivedAtMs - voice.atMs;
    assertTiming(harness, {
      measuredMs: Math.abs(offset), toleranceMs: this.tolerance.screenMs,
      fromMs: Math.min(voice.atMs, command.receivedAtMs), toMs: Math.max(voice.atMs, command.receivedAtMs),
      message: `the screen ${command.action} arrived ${offset.toFixed(1)} ms from the voice recording's (the Media Server's ${type} event); tolerance.screenMs is ${this.tolerance.screenMs}`,
    });
  }
  this.log(`screen commands for agent ${login.agentId}: ${commands.map((c) => `${c.action} at +${(c.receivedAtMs - commands[0].receivedAtMs).toFixed(1)} ms`).join(', ')}`);
});

/** SCR-02: nothing reached the screen-recording service, up to tolerance.screenMs after the voice stop. */
Then("the screen-recording service got no command within the profile's screen tolerance of the recording's stop", async function (this: GirWorld) {
  const { service } = await voiceOverAndScreenDue(this);
  assert.deepEqual(service.commands.map((c) => `${c.action} for agent ${c.agentId}`), [], 'screen commands for an agent not configured for screen recording');
});
