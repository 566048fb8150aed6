/**
 * Per-scenario teardown (Playwright-fixture style): every start…() pushes its own teardown; the
 * After hook drains newest first, runs every disposer even when one fails, and reports all errors.
 */
export class DisposerStack {
  private readonly disposers: { name: string; dispose: () => unknown }[] = [];

  push(name: string, dispose: () => unknown): void {
    this.disposers.push({ name, dispose });
  }

  async drain(): Promise<void> {
    const errors: Error[] = [];
    while (this.disposers.length > 0) {
      const { name, dispose } = this.disposers.pop()!;
      try {
        await dispose();
      } catch (error) {
        errors.push(new Error(`teardown of ${name} failed: ${error instanceof Error ? error.message : String(error)}`));
      }
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, errors.map((e) => e.message).join('; '));
  }

  get size(): number {
    return this.disposers.length;
  }
}
