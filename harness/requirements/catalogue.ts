import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { Owner, Requirement, SutRole, OWNER_OF_ROLE } from './requirement';

export const CATALOGUE_PATH = join(__dirname, '..', '..', 'features', 'requirements.yaml');

/** The project's own copy of the requirement catalogue, validated on load. */
export function loadCatalogue(path = CATALOGUE_PATH): Requirement[] {
  const document = parse(readFileSync(path, 'utf8')) as { requirements?: unknown };
  if (!Array.isArray(document?.requirements)) {
    throw new Error(`${path}: expected a top-level "requirements" list`);
  }
  const seen = new Set<string>();
  return document.requirements.map((entry: unknown, index: number) => {
    const row = entry as Partial<Requirement>;
    const where = `${path}: requirements[${index}]`;
    if (typeof row.id !== 'string' || !/^[A-Z]+-\d{2}$/.test(row.id)) throw new Error(`${where}.id is not an ID like FT-01`);
    if (seen.has(row.id)) throw new Error(`${where}: duplicate ID ${row.id}`);
    seen.add(row.id);
    for (const key of ['group', 'text', 'source'] as const) {
      if (typeof row[key] !== 'string') throw new Error(`${where} (${row.id}).${key} must be a string`);
    }
    if (!Array.isArray(row.owners) || row.owners.length === 0 || !row.owners.every((o) => o === 'SUT' || o === 'MS')) {
      throw new Error(`${where} (${row.id}).owners must be a non-empty list of SUT and MS`);
    }
    return { id: row.id, group: row.group!, text: row.text!, source: row.source!, owners: row.owners as Owner[] };
  });
}

export function isOwnedBy(requirement: Requirement, role: SutRole): boolean {
  return requirement.owners.includes(OWNER_OF_ROLE[role]);
}
