/**
 * A check that cannot tell whether the SUT behaved, because its evidence is not provably this
 * scenario's: a file that was there before the scenario touched its name, or a new file that no
 * name ties to the scenario. It is neither a pass nor the SUT's fault. Until the `inconclusive`
 * status exists (REQUIREMENTS.md, "Statuses") it fails the step, so a gate never passes on what was
 * not checked; the message starts "cannot judge:" so a reader tells it from a failure.
 */
export class CannotJudgeError extends Error {
  constructor(reason: string) {
    super(`cannot judge: ${reason}`);
    this.name = 'CannotJudgeError';
  }
}
