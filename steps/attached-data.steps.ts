import { Then } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import { AttachedDataChanged } from '../simulators/cti/cti-events';
import { stoppedEvent } from './support/recording-check';
import { HARNESS_WAIT_MS, within } from './support/waiting';
import { GirWorld } from './support/world';

/** The Media Server event each GSIP_RECORD value answers to (PROFILE-RULES.md rule 11). */
const CAUSE: Record<string, 'started' | 'paused' | 'resumed' | 'stopped'> = { PAUSED: 'paused', OFF: 'stopped' };

async function attachedData(world: GirWorld) {
  const stage = await world.callControl();
  const [session] = stage.mediaServer.sessions;
  assert.ok(session, 'no recording session at the Media Server');
  await within(HARNESS_WAIT_MS, `the stop of recording ${session.recording.id}`, stoppedEvent(session));
  const agentDn = world.party('agent').dn;
  // OFF may follow EventReleased (rule 11): give it the response window after the stop
  const stop = session.recording.events.find((e) => e.type === 'stopped')!;
  const desktop = world.desktops.get("agent's desktop");
  await desktop.waitFor((e) => e.event.message === 'EventAttachedDataChanged' && (e.event as AttachedDataChanged).userData.GSIP_RECORD === 'OFF',
    Math.max(0, stop.atMs + world.tolerance.ctiResponseMs - world.clock.now()), () => new Error(`the agent's desktop got no GSIP_RECORD=OFF within tolerance.ctiResponseMs of the stop`)).catch(() => undefined);
  const changes = world.desktops.eventsOf("agent's desktop", 'EventAttachedDataChanged')
    .map((e) => ({ ...e, event: e.event as AttachedDataChanged }))
    .filter((e) => e.event.thisDN === agentDn);
  return { session, changes };
}

/**
 * MS-02: the desktop registered on the agent's DN saw GSIP_RECORD take these values, in order, each
 * within tolerance.ctiResponseMs of the Media Server event that caused it; ON never before the
 * Media Server had the start (rule 11: ON when it answers).
 */
Then(/^the agent's desktop saw GSIP_RECORD go ((?:ON|PAUSED|OFF)(?:, (?:ON|PAUSED|OFF))*), each as the Media Server got the command$/, async function (this: GirWorld, list: string) {
  const { session, changes } = await attachedData(this);
  const expected = list.split(', ');
  const values = changes.map((c) => c.event.userData.GSIP_RECORD).filter((v) => v !== undefined);
  assert.deepEqual(values, expected, 'GSIP_RECORD values in EventAttachedDataChanged, in order');
  const events = session.recording.events;
  const used = new Set<number>();
  const findings: string[] = [];
  changes.forEach((change, i) => {
    const value = change.event.userData.GSIP_RECORD;
    const cause = CAUSE[value] ?? (i === 0 ? 'started' : 'resumed');
    const index = events.findIndex((e, k) => e.type === cause && !used.has(k));
    if (index < 0) return findings.push(`${value} (#${i + 1}) has no ${cause} event at the Media Server`);
    used.add(index);
    const lag = change.receivedAtMs - events[index].atMs;
    if (cause === 'started' && lag < 0) findings.push(`GSIP_RECORD=ON arrived ${(-lag).toFixed(1)} ms before the Media Server got the start`);
    if (Math.abs(lag) > this.tolerance.ctiResponseMs) findings.push(`${value} arrived ${lag.toFixed(1)} ms from the Media Server's ${cause} event; tolerance.ctiResponseMs is ${this.tolerance.ctiResponseMs}`);
    return undefined;
  });
  assert.deepEqual(findings, []);
});

Then('the GSIP_RECORD=ON attached data carried GRECORD_PARTITIONS {string}', async function (this: GirWorld, partitions: string) {
  const { changes } = await attachedData(this);
  const on = changes.find((c) => c.event.userData.GSIP_RECORD === 'ON');
  assert.ok(on, 'the agent\'s desktop never saw GSIP_RECORD=ON');
  assert.equal(on.event.userData.GRECORD_PARTITIONS, partitions, 'GRECORD_PARTITIONS is the string sent as X-Genesys-Partitions (rule 4)');
});
