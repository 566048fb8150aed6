/**
 * A deliberate deviation of a reference implementation (DESIGN.md, "Mutants"): the reference SUT and
 * the fake Media Server each list theirs; `GIR_MUTANT=<name>` turns one on for a whole run.
 */
export interface MutantDefinition<Name extends string = string> {
  name: Name;
  requirement: string;
  description: string;
}

/** Which mutant of a list is on: read once at start-up, so each check is one string comparison. */
export class MutantSwitch<Name extends string> {
  private readonly active: Name | undefined;

  constructor(definitions: readonly MutantDefinition<Name>[], env: NodeJS.ProcessEnv = process.env) {
    const name = env.GIR_MUTANT || undefined;
    this.active = definitions.find((m) => m.name === name)?.name;
  }

  is(name: Name): boolean {
    return this.active === name;
  }
}
