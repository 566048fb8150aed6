import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { ZodError } from 'zod';
import { Profile, profileSchema } from './profile-schema';

export const DEFAULT_PROFILE_PATH = join(__dirname, 'default.yaml');

/** A profile as loaded: the validated values and where they came from (for the report). */
export interface LoadedProfile {
  path: string;
  sha256: string;
  profile: Profile;
}

/** An invalid profile: one line per wrong path, so the user can fix them all at once. */
export class ProfileError extends Error {
  constructor(readonly path: string, readonly problems: string[]) {
    super(`invalid profile ${path}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ProfileError';
  }
}

export function profilePathFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return env.GIR_PROFILE ? resolve(env.GIR_PROFILE) : DEFAULT_PROFILE_PATH;
}

export function loadProfile(path = profilePathFromEnv()): LoadedProfile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ProfileError(path, [`cannot read the file: ${(error as Error).message}`]);
  }
  let document: unknown;
  try {
    document = parse(text) ?? {};
  } catch (error) {
    throw new ProfileError(path, [`not valid YAML: ${(error as Error).message.split('\n')[0]}`]);
  }
  return { path, sha256: createHash('sha256').update(text).digest('hex'), profile: parseProfile(document, path) };
}

export function parseProfile(document: unknown, path = '<inline>'): Profile {
  const result = profileSchema.safeParse(document);
  if (result.success) {
    checkDirectory(result.data, path);
    return result.data;
  }
  throw new ProfileError(path, describeZodError(result.error));
}

function describeZodError(error: ZodError): string[] {
  return error.issues.map((issue) => {
    const where = issue.path.length ? issue.path.join('.') : '(top level)';
    if (issue.code === 'unrecognized_keys') return `${where}: unknown key(s) ${issue.keys.join(', ')}`;
    return `${where}: ${issue.message}`;
  });
}

/** Cross-entry rules a per-field schema cannot say: unique roles, DNs and agent ids. */
function checkDirectory(profile: Profile, path: string): void {
  const problems: string[] = [];
  const seen = new Map<string, number>();
  profile.directory.forEach((entry, index) => {
    const keys = [`role ${entry.role}`, 'agentId' in entry ? `agentId ${entry.agentId}` : `dn ${entry.dn}`];
    for (const key of keys) {
      const first = seen.get(key);
      if (first !== undefined) problems.push(`directory.${index}: ${key} already used by directory.${first}`);
      else seen.set(key, index);
    }
  });
  profile.directory.forEach((entry, index) => {
    if (entry.type === 'RoutingPoint' && entry.defaultDN !== null) {
      const target = profile.directory.find((e) => 'dn' in e && e.dn === entry.defaultDN);
      if (!target) problems.push(`directory.${index}.defaultDN: ${entry.defaultDN} is not a DN of the directory`);
    }
  });
  if (problems.length) throw new ProfileError(path, problems);
}
