import { InconclusiveError } from '../../simulators/verdict/inconclusive-error';

/**
 * A check that cannot tell whether the SUT behaved, because its evidence is not provably this
 * scenario's: a file that was there before the scenario touched its name, or a new file that no
 * name ties to the scenario. It is neither a pass nor the SUT's fault: the scenario is
 * `inconclusive` (REQUIREMENTS.md, "Statuses"), so a gate never passes on what was not checked.
 */
export class CannotJudgeError extends InconclusiveError {
  constructor(reason: string) {
    super(`cannot judge: ${reason}`);
    this.name = 'CannotJudgeError';
  }
}
