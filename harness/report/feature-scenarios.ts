import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { generateMessages } from '@cucumber/gherkin';
import { IdGenerator, SourceMediaType } from '@cucumber/messages';
import { findFiles } from '../lib/find-files';
import { SutRole } from '../requirements/requirement';
import { astLineIndex, pickleKey } from './scenario-key';

/** Every scenario of features/, parsed independently of any run, so coverage never depends on --tags. */
export interface ScenarioInfo {
  key: string;
  name: string;
  uri: string;
  tags: string[];
  requirementIds: string[];
  role: SutRole;
}

export const REQUIREMENT_TAG = /^@([A-Z]+-\d{2})$/;
/** Scenarios of the recorder role carry this tag; all others are call-control scenarios. */
export const RECORDER_TAG = '@recorder';

export function roleOfTags(tags: readonly string[]): SutRole {
  return tags.includes(RECORDER_TAG) ? 'recorder' : 'call-control';
}

export function requirementIdsOfTags(tags: readonly string[]): string[] {
  return tags.map((tag) => REQUIREMENT_TAG.exec(tag)?.[1]).filter((id): id is string => id !== undefined);
}

export function loadFeatureScenarios(root: string, featuresDir = 'features'): ScenarioInfo[] {
  const scenarios: ScenarioInfo[] = [];
  for (const file of findFiles(root, [featuresDir], '.feature')) {
    const uri = relative(root, `${root}/${file}`).replace(/\\/g, '/');
    const envelopes = generateMessages(readFileSync(`${root}/${file}`, 'utf8'), uri, SourceMediaType.TEXT_X_CUCUMBER_GHERKIN_PLAIN, {
      includeGherkinDocument: true,
      includePickles: true,
      includeSource: false,
      newId: IdGenerator.incrementing(),
    });
    let lines = new Map<string, number>();
    for (const envelope of envelopes) {
      if (envelope.parseError) throw new Error(`${uri}: ${envelope.parseError.message}`);
      if (envelope.gherkinDocument) lines = astLineIndex(envelope.gherkinDocument);
      if (envelope.pickle) {
        const tags = envelope.pickle.tags.map((tag) => tag.name);
        scenarios.push({
          key: pickleKey(envelope.pickle, lines),
          name: envelope.pickle.name,
          uri,
          tags,
          requirementIds: requirementIdsOfTags(tags),
          role: roleOfTags(tags),
        });
      }
    }
  }
  return scenarios;
}
