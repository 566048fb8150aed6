/**
 * Writes classic libpcap files (magic a1b2c3d4, microsecond timestamps, little-endian): the global
 * header, then one record per frame. Used for SIPp's audio and for the reader's test fixtures.
 */

export const LINKTYPE = { NULL: 0, ETHERNET: 1, RAW: 101, LINUX_SLL: 113, LINUX_SLL2: 276 } as const;

export interface PcapRecord {
  /** Capture time in microseconds since the epoch. */
  timeUs: number;
  data: Uint8Array;
}

const GLOBAL_HEADER_BYTES = 24;
const RECORD_HEADER_BYTES = 16;

export function writePcapFile(linkType: number, records: readonly PcapRecord[], snapLength = 65535): Buffer {
  const size = GLOBAL_HEADER_BYTES + records.reduce((n, r) => n + RECORD_HEADER_BYTES + r.data.length, 0);
  const out = Buffer.alloc(size);
  out.writeUInt32LE(0xa1b2c3d4, 0);
  out.writeUInt16LE(2, 4);
  out.writeUInt16LE(4, 6);
  out.writeInt32LE(0, 8); // thiszone
  out.writeUInt32LE(0, 12); // sigfigs
  out.writeUInt32LE(snapLength, 16);
  out.writeUInt32LE(linkType, 20);
  let offset = GLOBAL_HEADER_BYTES;
  for (const record of records) {
    out.writeUInt32LE(Math.floor(record.timeUs / 1e6), offset);
    out.writeUInt32LE(Math.round(record.timeUs % 1e6), offset + 4);
    out.writeUInt32LE(record.data.length, offset + 8);
    out.writeUInt32LE(record.data.length, offset + 12);
    out.set(record.data, offset + RECORD_HEADER_BYTES);
    offset += RECORD_HEADER_BYTES + record.data.length;
  }
  return out;
}
