/**
 * A run that cannot be made at all (invalid profile, two profiles for one role, an unreachable SUT,
 * an SUT process that dies at start): an error of the run, not a status. It ends the run within
 * seconds with one clear line and exit 2 (REQUIREMENTS.md, "Statuses").
 */
export class RunSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunSetupError';
  }
}
