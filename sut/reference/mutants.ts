/**
 * Deliberate deviations of the reference SUT, one per SUT-owned requirement at least
 * (DESIGN.md, "Mutants"). `GIR_MUTANT=<name>` turns one on; unset, every check is one comparison
 * of a string read once at start-up.
 */
export interface MutantDefinition {
  name: string;
  requirement: string;
  description: string;
}

export const SUT_MUTANTS = [
  { name: 'sut-ft-never-records', requirement: 'FT-01', description: 'never opens a recording session for a record=true Extension' },
  { name: 'sut-ft-caller-as-party', requirement: 'FT-01', description: "labels the caller's audio 1 (party side) instead of the agent's" },
  { name: 'sut-ft-late-stop', requirement: 'FT-01', description: 'stops the recording 1 s after the call is released' },
  { name: 'sut-ft-records-unflagged', requirement: 'FT-08', description: 'records calls of Extensions whose record option is false' },
] as const satisfies readonly MutantDefinition[];

export type SutMutantName = (typeof SUT_MUTANTS)[number]['name'];

/** The active mutant, read once per SUT instance (the harness sets GIR_MUTANT for a whole run). */
export class MutantSwitch {
  private readonly active: string | undefined;

  constructor(env: NodeJS.ProcessEnv = process.env) {
    const name = env.GIR_MUTANT || undefined;
    this.active = name && SUT_MUTANTS.some((m) => m.name === name) ? name : undefined;
  }

  is(name: SutMutantName): boolean {
    return this.active === name;
  }
}
