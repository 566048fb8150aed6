import type { GherkinDocument, Pickle, Scenario } from '@cucumber/messages';

/**
 * A scenario (or one example row of an outline) is known by its file and line(s), which are the
 * same whoever parses it; Gherkin's node ids are not (they differ between parses).
 */
export function astLineIndex(document: GherkinDocument): Map<string, number> {
  const lines = new Map<string, number>();
  const visitScenario = (scenario: Scenario): void => {
    lines.set(scenario.id, scenario.location.line);
    for (const examples of scenario.examples) {
      for (const row of examples.tableBody) lines.set(row.id, row.location.line);
    }
  };
  for (const child of document.feature?.children ?? []) {
    if (child.scenario) visitScenario(child.scenario);
    for (const ruleChild of child.rule?.children ?? []) {
      if (ruleChild.scenario) visitScenario(ruleChild.scenario);
    }
  }
  return lines;
}

export function pickleKey(pickle: Pickle, lines: Map<string, number>): string {
  const located = pickle.astNodeIds.map((id) => lines.get(id)).filter((line) => line !== undefined);
  return `${normaliseUri(pickle.uri)}:${located.join(':')}`;
}

export function normaliseUri(uri: string): string {
  return uri.replace(/\\/g, '/').replace(/^\.\//, '');
}
