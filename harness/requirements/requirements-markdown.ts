import { Owner, Requirement } from './requirement';

const ROW = /^\|\s*([A-Z]+-\d{2})\s*\|(.*)\|\s*([^|]+?)\s*\|\s*([^|]+?)\s*\|\s*$/;

/**
 * Reads the requirement tables of REQUIREMENTS.md: rows `| ID | requirement | source | owner |`.
 * The requirement text may itself hold `|` only inside backticks, so the first and the last two
 * cells are taken from the ends.
 */
export function parseRequirementsMarkdown(markdown: string): Requirement[] {
  const requirements: Requirement[] = [];
  markdown.split('\n').forEach((line, index) => {
    const match = ROW.exec(line);
    if (!match) return;
    const [, id, text, source, ownerCell] = match;
    const owners = ownerCell.split(',').map((owner) => owner.trim());
    for (const owner of owners) {
      if (owner !== 'SUT' && owner !== 'MS') {
        throw new Error(`REQUIREMENTS.md line ${index + 1}: ${id} has unknown owner "${owner}"`);
      }
    }
    requirements.push({
      id,
      group: id.split('-')[0],
      text: text.trim(),
      source: source.trim(),
      owners: owners as Owner[],
    });
  });
  return requirements;
}
