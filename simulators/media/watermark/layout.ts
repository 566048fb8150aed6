/**
 * The frame watermark payload and where its bits sit in the spectrum (layout table: README.md).
 *
 * Every 20 ms frame (160 samples at 8 kHz) carries 36 bits: stream id (12) | frame index mod 2^16
 * (16) | CRC-8 of those 28 bits (8). The bits go out as 18 tone groups of 2 bits, MSB first: group g
 * sounds one of 4 tones, bin k = FIRST_BIN + g + GROUPS * symbol. Bins are exact on a 160-sample
 * window (50 Hz apart), so a window that sits on the frame sees no leakage between tones.
 */

export const SAMPLE_RATE = 8000;
export const FRAME_SAMPLES = 160;
export const FRAME_MS = 20;

export const STREAM_ID_BITS = 12;
export const INDEX_BITS = 16;
export const CRC_BITS = 8;
export const PAYLOAD_BITS = STREAM_ID_BITS + INDEX_BITS + CRC_BITS;
export const BITS_PER_GROUP = 2;
export const SYMBOLS_PER_GROUP = 1 << BITS_PER_GROUP;
export const GROUPS = PAYLOAD_BITS / BITS_PER_GROUP;
/** 300 Hz: the lowest tone; the highest is FIRST_BIN + GROUPS * SYMBOLS_PER_GROUP - 1 = 77 (3850 Hz). */
export const FIRST_BIN = 6;
export const TONES = GROUPS * SYMBOLS_PER_GROUP;

export const MAX_STREAM_ID = (1 << STREAM_ID_BITS) - 1;
export const INDEX_MODULUS = 1 << INDEX_BITS;

/** The DFT bin (cycles per 160 samples) of `symbol` in `group`. */
export function toneBin(group: number, symbol: number): number {
  return FIRST_BIN + group + GROUPS * symbol;
}

export class WatermarkPayloadError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'WatermarkPayloadError';
  }
}

export function assertStreamId(streamId: number): void {
  if (!Number.isInteger(streamId) || streamId < 0 || streamId > MAX_STREAM_ID) {
    throw new WatermarkPayloadError(`stream id ${streamId} is outside 0..${MAX_STREAM_ID}`);
  }
}

const CRC_POLY = 0x07;

/** CRC_NIBBLE[v]: the register after shifting 4 bits whose XOR with the register's top nibble is v. */
const CRC_NIBBLE = new Uint8Array(16);
for (let v = 0; v < 16; v++) {
  let crc = v << 4;
  for (let bit = 0; bit < 4; bit++) crc = crc & 0x80 ? ((crc << 1) ^ CRC_POLY) & 0xff : (crc << 1) & 0xff;
  CRC_NIBBLE[v] = crc;
}

/** CRC-8, polynomial x^8+x^2+x+1 (0x07), initial value 0xFF, over the 28 id+index bits MSB first. */
export function payloadCrc(streamId: number, index16: number): number {
  // 28 bits: 32-bit integer operators are exact here; 7 nibbles through the 4-bit table.
  const data = (streamId << INDEX_BITS) | index16;
  let crc = 0xff;
  for (let shift = STREAM_ID_BITS + INDEX_BITS - 4; shift >= 0; shift -= 4) {
    crc = ((crc << 4) & 0xff) ^ CRC_NIBBLE[((crc >> 4) ^ (data >> shift)) & 0x0f];
  }
  return crc;
}

/** The 18 symbols (0..3) of a frame, group 0 first. `index` may be any non-negative integer. */
export function encodeSymbols(streamId: number, index: number, out = new Uint8Array(GROUPS)): Uint8Array {
  assertStreamId(streamId);
  if (!Number.isInteger(index) || index < 0) throw new WatermarkPayloadError(`frame index ${index} is negative or fractional`);
  const index16 = index % INDEX_MODULUS;
  // 36 bits exceed 32-bit integer operators: split into the 28-bit id+index and the 8-bit CRC.
  const high = (streamId << INDEX_BITS) | index16;
  const crc = payloadCrc(streamId, index16);
  const highGroups = (STREAM_ID_BITS + INDEX_BITS) / BITS_PER_GROUP;
  for (let g = 0; g < highGroups; g++) out[g] = (high >> (2 * (highGroups - 1 - g))) & 3;
  for (let g = highGroups; g < GROUPS; g++) out[g] = (crc >> (2 * (GROUPS - 1 - g))) & 3;
  return out;
}

export interface DecodedPayload {
  streamId: number;
  /** Frame index modulo 2^16; the analyzer unwraps it by continuity and send times. */
  index16: number;
  crcOk: boolean;
}

export function decodeSymbols(symbols: ArrayLike<number>): DecodedPayload {
  const highGroups = (STREAM_ID_BITS + INDEX_BITS) / BITS_PER_GROUP;
  let high = 0;
  for (let g = 0; g < highGroups; g++) high = (high << 2) | symbols[g];
  let crc = 0;
  for (let g = highGroups; g < GROUPS; g++) crc = (crc << 2) | symbols[g];
  const streamId = high >> INDEX_BITS;
  const index16 = high & (INDEX_MODULUS - 1);
  return { streamId, index16, crcOk: payloadCrc(streamId, index16) === crc };
}
