import { Profile } from '../profiles/profile-schema';

/**
 * What the owner of an external SUT configures so the harness can test it: the DNs with their
 * record and screen options, the trunk peers and the Media Server address (the only fixed ports,
 * PROFILE-RULES.md rule 22), and the values the profile pins.
 */
export function renderProvisionSheet(profile: Profile, profilePath: string): string {
  const rows = profile.directory.map((entry) => {
    const id = entry.type === 'AgentLogin' ? `agentId ${entry.agentId}` : `DN ${entry.dn}`;
    const extra = entry.type === 'TrunkGroup' ? `peer ${entry.peer ?? '(allocated by the harness: embedded SUT only)'}` : entry.type === 'RoutingPoint' ? `default DN ${entry.defaultDN ?? 'none'}` : '';
    return `| ${entry.role} | ${entry.type} | ${id} | ${entry.record} | ${entry.screen} | ${extra} |`;
  });
  return [
    `# Provision sheet — ${profile.sut.name} ${profile.sut.version}`,
    '',
    `Profile: \`${profilePath}\` (role ${profile.sut.role}, adapter ${profile.sut.adapter}).`,
    '',
    '## Directory ([TServer] options to configure)',
    '| role | type | DN / agent | record | screen | notes |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    '## Addresses',
    `- Media Server the SUT must record to: \`${profile.ms.listen}\` (gir-msml, startOn ${profile.wire.startOn}, tenant-dbid ${profile.wire.tenantDbid})`,
    `- SUT SIP address the harness uses: \`${profile.sut.sip ?? '(embedded: chosen at run time)'}\``,
    `- SUT CTI bridge (JSON lines over TCP, DESIGN.md "CTI bridge protocol"), where the harness's T-Library client connects: \`${profile.sut.cti ?? (profile.sut.adapter === 'embedded' ? '(embedded: chosen at run time, printed on the reference SUT start-up line)' : '(none given: dynamic recording, MS-02 and ROB-02 cannot be checked)')}\``,
    profile.screen.url ? `- Screen-recording service: \`${profile.screen.url}\`` : '- Screen-recording service: (none given)',
    '',
    '## Values the profile pins',
    `- Transports: ${profile.sut.transport.join(', ')}; SIP Cluster: ${profile.sut.cluster}; MS timeout ${profile.sut.msTimeoutMs} ms`,
    `- Duplicate id at the MS: ${profile.ms.duplicateIdStatus}; escaping dest or id: ${profile.ms.badDestStatus}`,
    `- Tolerances (ms): ${Object.entries(profile.tolerance).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    '',
  ].join('\n');
}

/** The directory as CSV, one row per entry, for a provisioning tool; the addresses are in the Markdown sheet. */
export function renderProvisionSheetCsv(profile: Profile): string {
  const cell = (value: string | boolean | null | undefined): string => {
    const text = value === undefined || value === null ? '' : String(value);
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const rows = profile.directory.map((entry) => [
    entry.role, entry.type, 'dn' in entry ? entry.dn : '', entry.type === 'AgentLogin' ? entry.agentId : '',
    entry.record, entry.screen, entry.type === 'TrunkGroup' ? entry.peer : '', entry.type === 'RoutingPoint' ? entry.defaultDN : '',
  ].map(cell).join(','));
  return ['role,type,dn,agentId,record,screen,peer,defaultDN', ...rows].join('\n');
}
