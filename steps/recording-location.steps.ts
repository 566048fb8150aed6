import { Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import { recorderResult } from './support/client-recording-check';
import { EscapeWatch, newEscapeName } from './support/escape-watch';
import { current, freshId, refusalOf } from './support/recorder-sessions';
import type { GirWorld } from './support/world';

/**
 * SEL-07 at the recorder: dest places the files under the recordings root, and a dest or id that
 * would leave the root is refused with nothing written outside it. Escape targets carry a name
 * unique to the scenario (the rows' <escape>), so neither what an earlier run left nor a folder
 * that already existed can decide the verdict.
 */

When('a recording session is opened with {word} {string}', async function (this: GirWorld, field: string, row: string) {
  if (field !== 'dest' && field !== 'id') throw new Error(`unknown field "${field}": dest or id`);
  const stage = await this.recorderRole();
  const recordId = freshId();
  const watch = EscapeWatch.begin({ root: stage.recorder.recordingsRoot, field, row, escapeName: newEscapeName(), recordIds: field === 'dest' ? [recordId] : [] });
  this.escapeWatches.push(watch);
  // Pushed before the session's own teardown, so it runs after it: once the session has ended.
  this.disposers.push(`what ${watch.describe()} left outside the recordings root`, () => removeWhatTheRecorderLeft(this, watch));
  this.log(`escape attempt ${watch.describe()}: target ${watch.target}${watch.targetOutsideRoot ? '' : ' (inside the root)'}`);
  const accepted = await refusalOf(this, field === 'dest' ? { dest: watch.value, recordId } : { recordId: watch.value });
  if (accepted) {
    // The attempt ends here; what the recorder writes for it, it writes by tolerance.finalizeMs after the stop.
    await accepted.recording.stop();
    watch.sessionAccepted(accepted.recording.stoppedAtMs!, accepted.id);
  }
});

Then('nothing was written outside the recordings root', async function (this: GirWorld) {
  if (this.escapeWatches.length === 0) throw new Error('no escaping dest or id was tried in this scenario');
  for (const watch of this.escapeWatches) {
    await watch.settle(this.clock, this.tolerance.finalizeMs);
    const verdict = watch.verdict(watch.scan());
    if (verdict) throw verdict;
  }
});

Then('the files are under {string} of the recordings root and the metadata names the dest', async function (this: GirWorld, dest: string) {
  const entry = current(this);
  // recorderResult finds the files at <root>/<dest>/<id> (named by this scenario's id) or fails.
  if (entry.parameters.dest !== dest) throw new Error(`the recording was opened with dest "${entry.parameters.dest}", not "${dest}"`);
  const { metadata } = await recorderResult(this, entry);
  assert.equal(metadata.dest, dest);
});

/**
 * Teardown of an escape attempt: looks once more (the session has ended by now), attaches the list
 * of what is outside the root, then removes only what carries the scenario's names. Anything a
 * step has not yet named fails the scenario here.
 */
async function removeWhatTheRecorderLeft(world: GirWorld, watch: EscapeWatch): Promise<void> {
  await watch.settle(world.clock, world.tolerance.finalizeMs);
  const found = watch.scan();
  if (found.length === 0) return;
  world.attach(JSON.stringify(watch.evidence(found), null, 2), { mediaType: 'application/json', fileName: 'written-outside-the-root.json' });
  watch.removeProven(found);
  const unreported = watch.verdict(found);
  if (unreported) throw unreported;
}
