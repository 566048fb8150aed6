/** One row of the requirement catalogue (REQUIREMENTS.md / features/requirements.yaml). */
export type Owner = 'SUT' | 'MS';

/** The role of the SUT in a run: call control (SIP Server) or recorder (Media Server). */
export type SutRole = 'call-control' | 'recorder';

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
