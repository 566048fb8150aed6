/**
 * RTP packets (RFC 3550 section 5.1): build and parse, Buffer in, Buffer out, no sockets.
 * Sequence numbers are 16 bits and timestamps 32 bits on the wire; builders take any integer and
 * wrap it, so callers can count frames without caring about the wire width.
 */

export interface RtpHeaderExtension {
  /** The 16-bit profile-defined identifier (e.g. 0xBEDE for RFC 8285 one-byte headers). */
  profile: number;
  /** Extension data; its length must be a multiple of 4 bytes. */
  data: Uint8Array;
}

export interface RtpPacket {
  payloadType: number;
  marker: boolean;
  sequence: number;
  timestamp: number;
  ssrc: number;
  csrcs: number[];
  extension?: RtpHeaderExtension;
  payload: Uint8Array;
  /** Padding bytes after the payload (RFC 3550: the last one holds the count, itself included). */
  paddingLength: number;
}

export type RtpPacketInit = Partial<Omit<RtpPacket, 'payloadType' | 'payload'>> &
  Pick<RtpPacket, 'payloadType' | 'payload'>;

export class RtpParseError extends Error {
  constructor(
    message: string,
    readonly length: number,
    readonly offset: number,
  ) {
    super(`RTP parse error at byte ${offset} of ${length}: ${message}`);
    this.name = 'RtpParseError';
  }
}

const FIXED_HEADER = 12;

export function buildRtpPacket(init: RtpPacketInit): Buffer {
  const csrcs = init.csrcs ?? [];
  const paddingLength = init.paddingLength ?? 0;
  if (init.payloadType < 0 || init.payloadType > 127) {
    throw new RangeError(`payload type ${init.payloadType} is outside 0..127`);
  }
  if (csrcs.length > 15) throw new RangeError(`${csrcs.length} CSRCs, at most 15 fit`);
  if (paddingLength < 0 || paddingLength > 255) throw new RangeError(`padding ${paddingLength} is outside 0..255`);
  const ext = init.extension;
  if (ext && ext.data.length % 4 !== 0) {
    throw new RangeError(`extension data of ${ext.data.length} bytes is not a multiple of 4`);
  }
  const extLength = ext ? 4 + ext.data.length : 0;
  const headerLength = FIXED_HEADER + 4 * csrcs.length + extLength;
  const packet = Buffer.allocUnsafe(headerLength + init.payload.length + paddingLength);
  packet[0] = 0x80 | (paddingLength > 0 ? 0x20 : 0) | (ext ? 0x10 : 0) | csrcs.length;
  packet[1] = (init.marker ? 0x80 : 0) | init.payloadType;
  packet.writeUInt16BE(wrap(init.sequence ?? 0, 0x10000), 2);
  packet.writeUInt32BE(wrap(init.timestamp ?? 0, 0x100000000), 4);
  packet.writeUInt32BE(wrap(init.ssrc ?? 0, 0x100000000), 8);
  let offset = FIXED_HEADER;
  for (const csrc of csrcs) {
    packet.writeUInt32BE(wrap(csrc, 0x100000000), offset);
    offset += 4;
  }
  if (ext) {
    packet.writeUInt16BE(ext.profile & 0xffff, offset);
    packet.writeUInt16BE(ext.data.length / 4, offset + 2);
    packet.set(ext.data, offset + 4);
    offset += extLength;
  }
  packet.set(init.payload, offset);
  offset += init.payload.length;
  if (paddingLength > 0) {
    packet.fill(0, offset, offset + paddingLength - 1);
    packet[offset + paddingLength - 1] = paddingLength;
  }
  return packet;
}

/** Parses an RTP packet; the payload is a view into `packet` (copy it to keep it). */
export function parseRtpPacket(packet: Uint8Array): RtpPacket {
  const buf = Buffer.isBuffer(packet) ? packet : Buffer.from(packet.buffer, packet.byteOffset, packet.byteLength);
  const fail = (message: string, offset: number): never => {
    throw new RtpParseError(message, buf.length, offset);
  };
  if (buf.length < FIXED_HEADER) fail(`shorter than the ${FIXED_HEADER}-byte fixed header`, buf.length);
  const version = buf[0] >> 6;
  if (version !== 2) fail(`version ${version}, expected 2`, 0);
  const csrcCount = buf[0] & 0x0f;
  let offset = FIXED_HEADER;
  if (buf.length < offset + 4 * csrcCount) fail(`${csrcCount} CSRCs announced, packet too short`, offset);
  const csrcs: number[] = [];
  for (let i = 0; i < csrcCount; i++, offset += 4) csrcs.push(buf.readUInt32BE(offset));
  let extension: RtpHeaderExtension | undefined;
  if (buf[0] & 0x10) {
    if (buf.length < offset + 4) fail('extension header announced, packet too short', offset);
    const words = buf.readUInt16BE(offset + 2);
    const end = offset + 4 + 4 * words;
    if (buf.length < end) fail(`extension of ${words} words runs past the end`, offset);
    extension = { profile: buf.readUInt16BE(offset), data: buf.subarray(offset + 4, end) };
    offset = end;
  }
  let end = buf.length;
  let paddingLength = 0;
  if (buf[0] & 0x20) {
    paddingLength = buf[buf.length - 1];
    if (paddingLength === 0 || offset + paddingLength > buf.length) {
      fail(`padding count ${paddingLength} does not fit`, buf.length - 1);
    }
    end -= paddingLength;
  }
  return {
    payloadType: buf[1] & 0x7f,
    marker: (buf[1] & 0x80) !== 0,
    sequence: buf.readUInt16BE(2),
    timestamp: buf.readUInt32BE(4),
    ssrc: buf.readUInt32BE(8),
    csrcs,
    extension,
    payload: buf.subarray(offset, end),
    paddingLength,
  };
}

function wrap(value: number, modulus: number): number {
  if (!Number.isInteger(value)) throw new RangeError(`${value} is not an integer`);
  return ((value % modulus) + modulus) % modulus;
}
