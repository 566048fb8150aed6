import { readSdp, SdpInfo } from '../sip';
import { HEADER } from './recording-headers';

/** A recording INVITE as it arrived: its Request-URI, a header accessor and its body. */
export interface ReceivedRecordingInvite {
  uri: string;
  header(name: string): string | undefined;
  body: Buffer | string;
}

/**
 * What one recording INVITE must carry (MS-01; DESIGN.md "Wire profiles"; PROFILE-RULES.md 1-4).
 * `null` means the parameter must be absent (its CTI or routing input was not given).
 */
export interface ExpectedRecordingInvite {
  dn: string;
  tenantDbid: number;
  connId: string;
  side: 'source' | 'destination';
  agentId: string | null;
  partitions: readonly string[] | null;
  dest: string | null;
  recordId: string | null;
}

const CODECS = ['PCMU', 'PCMA'] as const;

/** The `;name=value` parameters of a SIP URI (lower-cased names; a flag has value null). */
function uriParameters(uri: string): Map<string, string | null> | undefined {
  const match = /^sips?:([^@;]+)@([^;?]+)((?:;[^;?]*)*)/.exec(uri.trim());
  if (!match) return undefined;
  const params = new Map<string, string | null>();
  for (const part of match[3].split(';').slice(1)) {
    const eq = part.indexOf('=');
    params.set((eq < 0 ? part : part.slice(0, eq)).toLowerCase(), eq < 0 ? null : decodeURIComponent(part.slice(eq + 1)));
  }
  return params;
}

const show = (value: string | null | undefined): string => (value === undefined ? 'missing' : value === null ? 'present without a value' : `"${value}"`);

/**
 * Every gir-msml parameter of a recording INVITE against what it must be. Returns one finding per
 * missing or wrong parameter, each naming it and the value expected; none means the INVITE conforms.
 */
export function checkRecordingInvite(invite: ReceivedRecordingInvite, expected: ExpectedRecordingInvite): string[] {
  const findings: string[] = [];
  const params = uriParameters(invite.uri);
  if (!params) {
    findings.push(`Request-URI: "${invite.uri}" is not sip:msml=<session>@<ms-host>;...`);
  } else {
    if (!invite.uri.trim().replace(/^sips?:/, '').startsWith('msml=')) findings.push(`Request-URI user part: expected msml=<session> in "${invite.uri}"`);
    const want = (name: string, value: string | null): void => {
      const got = params.get(name);
      if (got !== value) findings.push(`Request-URI ;${name}: ${show(got)}, expected ${value === null ? 'the flag ;' + name : `"${value}"`}`);
    };
    want('dn', expected.dn);
    want('record', null);
    want('media-service', 'record');
    want('tenant-dbid', String(expected.tenantDbid));
  }

  const header = (name: string, value: string | null): void => {
    const got = invite.header(name) ?? undefined;
    if (value === null) {
      if (got !== undefined) findings.push(`${name}: ${show(got)}, expected absent (not requested)`);
    } else if (got !== value) {
      findings.push(`${name}: ${show(got)}, expected "${value}"`);
    }
  };
  header(HEADER.connId, expected.connId);
  header(HEADER.side, expected.side);
  header(HEADER.agentId, expected.agentId);
  header(HEADER.partitions, expected.partitions && expected.partitions.length > 0 ? expected.partitions.join(',') : null);
  header(HEADER.dest, expected.dest);
  header(HEADER.recordId, expected.recordId);

  findings.push(...checkRecordingOffer(invite.body));
  return findings;
}

/** The SDP offer: two m=audio lines labelled 1 and 2, each sendonly, each offering PCMU and PCMA. */
function checkRecordingOffer(body: Buffer | string): string[] {
  if (body.length === 0) return ['SDP offer: missing, expected two m=audio lines labelled 1 and 2'];
  let sdp: SdpInfo;
  try {
    sdp = readSdp(body);
  } catch (error) {
    return [`SDP offer: unreadable (${(error as Error).message})`];
  }
  const audio = sdp.media.filter((m) => m.type === 'audio');
  const findings: string[] = [];
  if (audio.length !== 2) findings.push(`SDP offer: ${audio.length} m=audio line(s), expected 2`);
  for (const label of ['1', '2']) {
    const line = audio.find((m) => m.label === label);
    if (!line) {
      findings.push(`SDP offer a=label:${label}: missing, expected one m=audio line with it (labels seen: ${audio.map((m) => m.label ?? 'none').join(', ')})`);
      continue;
    }
    if (line.direction !== 'sendonly') findings.push(`SDP offer a=label:${label}: direction ${line.direction}, expected sendonly`);
    const names = line.codecs.map((c) => c.name);
    for (const codec of CODECS) if (!names.includes(codec)) findings.push(`SDP offer a=label:${label}: codecs ${names.join(', ') || 'none'}, expected ${codec} among them`);
    if (line.port === 0) findings.push(`SDP offer a=label:${label}: port 0, expected a port the SUT sends from`);
  }
  return findings;
}
