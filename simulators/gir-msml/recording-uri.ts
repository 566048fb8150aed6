import { WireProfileError } from './wire-error';

/** The parts of a recording INVITE's Request-URI (DESIGN.md, "Wire profiles"; PROFILE-RULES.md rules 2-3). */
export interface RecordingUri {
  /** The SUT's token for this recording session (`<connId>-<n>`), unique per SUT process. */
  session: string;
  /** The Media Server as `host:port`. */
  msHostPort: string;
  /** The party side's DN (for an external party, the trunk group DN). */
  dn: string;
  tenantDbid: number;
}

const TOKEN = /^[A-Za-z0-9._~!*'()+-]+$/;

export function formatRecordingUri(uri: RecordingUri): string {
  if (!TOKEN.test(uri.session)) throw new WireProfileError('session', `"${uri.session}" is not a URI token`);
  if (!TOKEN.test(uri.dn)) throw new WireProfileError('dn', `"${uri.dn}" is not a URI token`);
  return `sip:msml=${uri.session}@${uri.msHostPort};dn=${uri.dn};record;media-service=record;tenant-dbid=${uri.tenantDbid}`;
}

/** Reads a recording Request-URI; every missing or malformed part is a WireProfileError naming it. */
export function parseRecordingUri(text: string): RecordingUri {
  const match = /^sips?:msml=([^@;]+)@([^;?]+)((?:;[^;?]*)*)$/.exec(text.trim());
  if (!match) throw new WireProfileError('Request-URI', `"${text}" is not sip:msml=<session>@<host:port>;...`);
  const [, session, msHostPort, paramText] = match;
  const params = new Map<string, string | null>();
  for (const part of paramText.split(';').slice(1)) {
    const eq = part.indexOf('=');
    params.set((eq < 0 ? part : part.slice(0, eq)).toLowerCase(), eq < 0 ? null : decodeURIComponent(part.slice(eq + 1)));
  }
  const dn = params.get('dn');
  if (!dn) throw new WireProfileError('Request-URI ;dn', `missing in "${text}"`);
  if (!params.has('record')) throw new WireProfileError('Request-URI ;record', `missing in "${text}"`);
  if (params.get('media-service') !== 'record') throw new WireProfileError('Request-URI ;media-service', `expected "record" in "${text}"`);
  const tenant = params.get('tenant-dbid');
  if (tenant === undefined || tenant === null || !/^\d+$/.test(tenant)) {
    throw new WireProfileError('Request-URI ;tenant-dbid', `expected a number in "${text}"`);
  }
  return { session, msHostPort, dn, tenantDbid: Number(tenant) };
}
