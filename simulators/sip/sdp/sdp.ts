import * as sdpTransform from 'sdp-transform';
import { SdpError } from '../errors';
import {
  CODECS,
  Codec,
  CodecName,
  Direction,
  MediaInfo,
  MediaLineSpec,
  SdpInfo,
  SdpSpec,
  oppositeDirection,
} from './sdp-types';

const DIRECTIONS = new Set<Direction>(['sendrecv', 'sendonly', 'recvonly', 'inactive']);

function ipVer(address: string): 4 | 6 {
  return address.includes(':') ? 6 : 4;
}

function mediaBlock(line: MediaLineSpec): sdpTransform.MediaDescription {
  const codecs = line.codecs ?? ['PCMU', 'PCMA'];
  if (codecs.length === 0) throw new SdpError('an m-line needs at least one codec');
  const rtp = codecs.map((name) => ({ payload: CODECS[name].payload, codec: name, rate: CODECS[name].rate }));
  const block: sdpTransform.MediaDescription = {
    type: 'audio',
    port: line.port,
    protocol: 'RTP/AVP',
    payloads: rtp.map((r) => r.payload).join(' '),
    rtp,
    fmtp: codecs.includes('telephone-event') ? [{ payload: CODECS['telephone-event'].payload, config: '0-16' }] : [],
    ptime: line.ptime ?? 20,
    direction: line.direction ?? 'sendrecv',
  };
  if (line.address) block.connection = { version: ipVer(line.address), ip: line.address };
  if (line.label !== undefined) block.label = line.label;
  return block;
}

/** An SDP offer (or answer) with one m=audio line per entry of `spec.media`. */
export function buildSdp(spec: SdpSpec): string {
  const origin = spec.origin ?? {};
  const session: sdpTransform.SessionDescription = {
    version: 0,
    origin: {
      username: origin.username ?? '-',
      sessionId: origin.sessionId ?? Math.floor(Math.random() * 1e9),
      sessionVersion: origin.sessionVersion ?? 1,
      netType: 'IN',
      ipVer: ipVer(spec.address),
      address: spec.address,
    },
    name: spec.sessionName ?? '-',
    timing: { start: 0, stop: 0 },
    connection: { version: ipVer(spec.address), ip: spec.address },
    media: spec.media.map(mediaBlock),
  };
  return sdpTransform.write(session);
}

/** Reads an SDP body: origin, connection, and per m-line port, address, direction, label, codecs. */
export function readSdp(text: string | Buffer): SdpInfo {
  const body = typeof text === 'string' ? text : text.toString('utf8');
  if (!/^v=0/m.test(body)) throw new SdpError('not an SDP body (no v=0 line)');
  let session: sdpTransform.SessionDescription;
  try {
    session = sdpTransform.parse(body);
  } catch (error) {
    throw new SdpError(`unreadable SDP: ${String(error)}`, { cause: error });
  }
  if (!session.origin) throw new SdpError('SDP has no o= line');
  const sessionAddress = session.connection?.ip;
  const sessionDirection = (session.direction as Direction | undefined) ?? 'sendrecv';
  const media: MediaInfo[] = (session.media ?? []).map((m, index) => {
    const address = m.connection?.ip ?? sessionAddress;
    if (address === undefined) throw new SdpError(`m-line ${index} has no connection address`);
    const direction = (m.direction as Direction | undefined) ?? sessionDirection;
    if (!DIRECTIONS.has(direction)) throw new SdpError(`m-line ${index}: unknown direction ${direction}`);
    const payloads = String(m.payloads ?? '')
      .split(' ')
      .filter(Boolean)
      .map(Number);
    const codecs: Codec[] = payloads.map((payload) => {
      const rtp = m.rtp?.find((r) => r.payload === payload);
      if (rtp) return { payload, name: rtp.codec, rate: rtp.rate ?? 8000 };
      if (payload === 0) return { payload, name: 'PCMU', rate: 8000 };
      if (payload === 8) return { payload, name: 'PCMA', rate: 8000 };
      return { payload, name: `pt${payload}`, rate: 8000 };
    });
    return {
      index,
      type: m.type,
      port: m.port,
      protocol: m.protocol,
      address,
      direction,
      label: m.label === undefined ? undefined : String(m.label),
      codecs,
      ptime: m.ptime,
    };
  });
  const o = session.origin;
  return {
    origin: { username: o.username, sessionId: o.sessionId, sessionVersion: o.sessionVersion, address: o.address },
    address: sessionAddress,
    media,
  };
}

export interface AnswerSpec {
  address: string;
  /** One port per offered m-line (or one for all). Port 0 rejects a line. */
  ports: number[] | number;
  /** Our direction per line; default: the opposite of the offer's. */
  direction?: Direction | Direction[];
  /** Codecs we accept, in no particular order (default PCMU, PCMA). */
  codecs?: CodecName[];
  origin?: SdpSpec['origin'];
}

/**
 * RFC 3264 section 6: one answer m-line per offered one, same order; the offer's first codec we
 * support is kept, a line with none in common is rejected with port 0; labels are echoed.
 */
export function answerSdp(offer: string | Buffer | SdpInfo, spec: AnswerSpec): string {
  const info = typeof offer === 'string' || Buffer.isBuffer(offer) ? readSdp(offer) : offer;
  const accepted = new Set<string>(spec.codecs ?? ['PCMU', 'PCMA']);
  const media = info.media.map((m, i): MediaLineSpec => {
    const port = Array.isArray(spec.ports) ? spec.ports[i] ?? 0 : spec.ports;
    const common = m.codecs.filter((c) => accepted.has(c.name) && c.name in CODECS).map((c) => c.name as CodecName);
    const direction = Array.isArray(spec.direction) ? spec.direction[i] : spec.direction;
    return {
      port: common.length === 0 ? 0 : port,
      codecs: common.length === 0 ? [(m.codecs[0]?.name as CodecName) in CODECS ? (m.codecs[0].name as CodecName) : 'PCMU'] : [common[0]],
      ptime: m.ptime ?? 20,
      direction: direction ?? oppositeDirection(m.direction),
      label: m.label,
    };
  });
  return buildSdp({ address: spec.address, origin: spec.origin, media });
}

/** The same SDP with every (or one) m-line's direction changed and the o= version bumped (hold, resume). */
export function withDirection(sdp: string | Buffer, direction: Direction, index?: number): string {
  const body = typeof sdp === 'string' ? sdp : sdp.toString('utf8');
  const session = sdpTransform.parse(body);
  session.origin.sessionVersion = Number(session.origin.sessionVersion) + 1;
  delete session.direction;
  session.media.forEach((m, i) => {
    if (index === undefined || index === i) m.direction = direction;
  });
  return sdpTransform.write(session);
}
