/**
 * The few RTP fields a recording needs (payload type, SSRC, timestamp, where the payload is) and
 * its G.711 payload decoded, read in place: no packet object, CSRC list or payload view per
 * datagram. A Media Server recording hundreds of sessions reads tens of thousands of packets a
 * second, and every allocation there is garbage-collector time that delays commands. A datagram
 * is malformed exactly when simulators/media's parseRtpPacket would reject it (a property test
 * holds the two together).
 */
import { g711Decode, G711Law } from '../media';

export interface RtpMediaFields {
  payloadType: number;
  ssrc: number;
  timestamp: number;
  /** The payload is bytes [payloadStart, payloadEnd) of the datagram. */
  payloadStart: number;
  payloadEnd: number;
}

const FIXED_HEADER = 12;

/** Fills `fields` from `bytes`; false (fields undefined) when the datagram is not valid RTP. */
export function readRtpMedia(bytes: Uint8Array, fields: RtpMediaFields): boolean {
  const length = bytes.length;
  if (length < FIXED_HEADER || bytes[0] >> 6 !== 2) return false;
  let offset = FIXED_HEADER + 4 * (bytes[0] & 0x0f);
  if (length < offset) return false;
  if (bytes[0] & 0x10) {
    if (length < offset + 4) return false;
    offset += 4 + 4 * ((bytes[offset + 2] << 8) | bytes[offset + 3]);
    if (length < offset) return false;
  }
  let end = length;
  if (bytes[0] & 0x20) {
    const padding = bytes[length - 1];
    if (padding === 0 || offset + padding > length) return false;
    end -= padding;
  }
  fields.payloadType = bytes[1] & 0x7f;
  fields.timestamp = ((bytes[4] << 24) | (bytes[5] << 16) | (bytes[6] << 8) | bytes[7]) >>> 0;
  fields.ssrc = ((bytes[8] << 24) | (bytes[9] << 16) | (bytes[10] << 8) | bytes[11]) >>> 0;
  fields.payloadStart = offset;
  fields.payloadEnd = end;
  return true;
}

/** simulators/media's decode tables, read once: code → 16-bit sample. */
const DECODE: Record<G711Law, Int16Array> = {
  mulaw: g711Decode('mulaw', Uint8Array.from({ length: 256 }, (_, code) => code)),
  alaw: g711Decode('alaw', Uint8Array.from({ length: 256 }, (_, code) => code)),
};

/** Decodes bytes [start, end) of `bytes` into `out` (which must hold end − start samples). */
export function decodeG711Into(law: G711Law, bytes: Uint8Array, start: number, end: number, out: Int16Array): Int16Array {
  if (out.length !== end - start) throw new RangeError(`output holds ${out.length} samples, the payload ${end - start}`);
  const table = DECODE[law];
  for (let i = start, j = 0; i < end; i++, j++) out[j] = table[bytes[i]];
  return out;
}
