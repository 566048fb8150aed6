import { MutantDefinition, MutantSwitch } from '../../simulators/mutation/mutant-switch';

/**
 * Deliberate deviations of the reference SUT, at least one per SUT-owned requirement, killed
 * through call-control scenarios (DESIGN.md, "Mutants").
 */
export const SUT_MUTANTS = [
  { name: 'sut-ft-never-records', requirement: 'FT-01', description: 'never opens a recording session for a record=true Extension' },
  { name: 'sut-ft-caller-as-party', requirement: 'FT-01', description: "labels the caller's audio 1 (party side) instead of the agent's" },
  { name: 'sut-ft-late-stop', requirement: 'FT-01', description: 'stops the recording 1 s after the call is released' },
  { name: 'sut-ft-records-unflagged', requirement: 'FT-08', description: 'records calls of Extensions whose record option is false' },
  { name: 'sut-forks-into-other-session', requirement: 'ROB-03', description: "forks the second concurrent call's RTP into the first live call's recording as well" },
] as const satisfies readonly MutantDefinition[];

export type SutMutantName = (typeof SUT_MUTANTS)[number]['name'];

export class SutMutants extends MutantSwitch<SutMutantName> {
  constructor(env: NodeJS.ProcessEnv = process.env) {
    super(SUT_MUTANTS, env);
  }
}
