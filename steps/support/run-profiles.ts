import { LoadedProfile, loadProfile, profilePathFromEnv } from '../../profiles/load-profile';
import type { SutRole } from '../../profiles/profile-schema';

const cache = new Map<SutRole, LoadedProfile>();

/**
 * The profile of a scenario's role in this run: harness/conformance-run.ts passes one per role in
 * GIR_PROFILES; run directly, cucumber-js uses GIR_PROFILE (or default.yaml) for its role.
 */
export function profileForRole(role: SutRole, env: NodeJS.ProcessEnv = process.env): LoadedProfile {
  const cached = cache.get(role);
  if (cached) return cached;
  let path: string | undefined;
  if (env.GIR_PROFILES) {
    path = (JSON.parse(env.GIR_PROFILES) as Partial<Record<SutRole, string>>)[role];
    if (!path) throw new Error(`this run has no profile for the ${role} role (GIR_PROFILES=${env.GIR_PROFILES})`);
  } else {
    path = profilePathFromEnv(env);
  }
  const loaded = loadProfile(path);
  if (loaded.profile.sut.role !== role) {
    throw new Error(`profile ${path} is for the ${loaded.profile.sut.role} role, this scenario needs ${role}`);
  }
  cache.set(role, loaded);
  return loaded;
}
