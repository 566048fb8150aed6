import { Call } from '../call/call';

/** GSIP_RECORD in the call's attached data (MS-02, PROFILE-RULES.md rule 11). */
export type GsipRecord = 'ON' | 'PAUSED' | 'OFF';

/** The changed keys of one EventAttachedDataChanged. */
export type RecordUserData = { GSIP_RECORD: GsipRecord; GRECORD_PARTITIONS?: string };

/** Who hears a recording's attached data change (the CTI server publishes it). */
export interface AttachedDataListener {
  changed(call: Call, userData: RecordUserData): void;
}

/** ON carries the partitions (rule 4: the same string as X-Genesys-Partitions; empty: omitted). */
export function recordUserData(value: GsipRecord, partitions: readonly string[] = []): RecordUserData {
  return value === 'ON' && partitions.length > 0 ? { GSIP_RECORD: value, GRECORD_PARTITIONS: partitions.join(',') } : { GSIP_RECORD: value };
}
