import type { SutRole } from '../../profiles/profile-schema';

export type { SutRole };

/** Who must behave so: the call-control system (SUT) or the recorder (MS). */
export type Owner = 'SUT' | 'MS';

/** One row of the requirement catalogue (REQUIREMENTS.md / features/requirements.yaml). */
export interface Requirement {
  id: string;
  group: string;
  text: string;
  source: string;
  owners: Owner[];
}

/** Which owner a role checks: call control → SUT, recorder → MS. */
export const OWNER_OF_ROLE: Record<SutRole, Owner> = { 'call-control': 'SUT', recorder: 'MS' };

export const ALL_ROLES: SutRole[] = ['call-control', 'recorder'];
