/**
 * G.711 (ITU-T G.711) mu-law and A-law companding between 16-bit linear PCM and 8-bit codes.
 * Both directions are table lookups built once at load: encoding is one index into a 64 Ki table,
 * so an endpoint can encode hundreds of streams of 50 frames/s at negligible cost.
 */

/** RTP static payload types (RFC 3551). */
export const PayloadType = { PCMU: 0, PCMA: 8 } as const;
export type G711PayloadType = (typeof PayloadType)[keyof typeof PayloadType];

export type G711Law = 'mulaw' | 'alaw';

export function lawOfPayloadType(payloadType: number): G711Law {
  if (payloadType === PayloadType.PCMU) return 'mulaw';
  if (payloadType === PayloadType.PCMA) return 'alaw';
  throw new RangeError(`payload type ${payloadType} is not G.711 (PCMU=0, PCMA=8)`);
}

export function payloadTypeOfLaw(law: G711Law): G711PayloadType {
  return law === 'mulaw' ? PayloadType.PCMU : PayloadType.PCMA;
}

const MULAW_BIAS = 0x84;
const MULAW_CLIP = 32635;

/** Encodes one sample: sign, 3-bit segment (exponent) and 4-bit mantissa, all bits inverted. */
function mulawEncodeSample(sample: number): number {
  const sign = sample < 0 ? 0x80 : 0;
  let magnitude = Math.min(sign ? -sample : sample, MULAW_CLIP) + MULAW_BIAS;
  let segment = 7;
  for (let mask = 0x4000; (magnitude & mask) === 0 && segment > 0; mask >>= 1) segment--;
  const mantissa = (magnitude >> (segment + 3)) & 0x0f;
  magnitude = sign | (segment << 4) | mantissa;
  return ~magnitude & 0xff;
}

function mulawDecodeCode(code: number): number {
  const inverted = ~code & 0xff;
  const segment = (inverted >> 4) & 0x07;
  const mantissa = inverted & 0x0f;
  const magnitude = (((mantissa << 3) + MULAW_BIAS) << segment) - MULAW_BIAS;
  return inverted & 0x80 ? -magnitude : magnitude;
}

/** A-law works on 13 bits; even bits are inverted on the wire (XOR 0x55). */
function alawEncodeSample(sample: number): number {
  let value = sample >> 3;
  let signMask: number;
  if (value >= 0) {
    signMask = 0xd5;
  } else {
    signMask = 0x55;
    value = -value - 1;
  }
  let segment = 0;
  // Segment s holds magnitudes up to (32 << s) - 1.
  while (segment < 8 && value >= 0x20 << segment) segment++;
  if (segment >= 8) return 0x7f ^ signMask;
  const mantissa = segment < 2 ? (value >> 1) & 0x0f : (value >> segment) & 0x0f;
  return ((segment << 4) | mantissa) ^ signMask;
}

function alawDecodeCode(code: number): number {
  const value = code ^ 0x55;
  const segment = (value & 0x70) >> 4;
  let magnitude = (value & 0x0f) << 4;
  if (segment === 0) magnitude += 8;
  else magnitude = (magnitude + 0x108) << (segment - 1);
  return value & 0x80 ? magnitude : -magnitude;
}

function buildEncodeTable(encode: (sample: number) => number): Uint8Array {
  const table = new Uint8Array(65536);
  for (let sample = -32768; sample < 32768; sample++) table[sample & 0xffff] = encode(sample);
  return table;
}

function buildDecodeTable(decode: (code: number) => number): Int16Array {
  const table = new Int16Array(256);
  for (let code = 0; code < 256; code++) table[code] = decode(code);
  return table;
}

const ENCODE: Record<G711Law, Uint8Array> = {
  mulaw: buildEncodeTable(mulawEncodeSample),
  alaw: buildEncodeTable(alawEncodeSample),
};
const DECODE: Record<G711Law, Int16Array> = {
  mulaw: buildDecodeTable(mulawDecodeCode),
  alaw: buildDecodeTable(alawDecodeCode),
};

/** Encodes 16-bit PCM to G.711 codes; writes into `out` when given (no allocation). */
export function g711Encode(law: G711Law, pcm: Int16Array, out = new Uint8Array(pcm.length)): Uint8Array {
  if (out.length < pcm.length) throw new RangeError(`output holds ${out.length} codes, need ${pcm.length}`);
  const table = ENCODE[law];
  for (let i = 0; i < pcm.length; i++) out[i] = table[pcm[i] & 0xffff];
  return out;
}

/** Decodes G.711 codes to 16-bit PCM; writes into `out` when given (no allocation). */
export function g711Decode(law: G711Law, codes: Uint8Array, out = new Int16Array(codes.length)): Int16Array {
  if (out.length < codes.length) throw new RangeError(`output holds ${out.length} samples, need ${codes.length}`);
  const table = DECODE[law];
  for (let i = 0; i < codes.length; i++) out[i] = table[codes[i]];
  return out;
}

/** PCM after a G.711 round trip: what a recorder that decodes G.711 writes for `pcm`. */
export function g711RoundTrip(law: G711Law, pcm: Int16Array): Int16Array {
  return g711Decode(law, g711Encode(law, pcm));
}

/** The code a silent (zero) sample encodes to: 0xFF for mu-law, 0xD5 for A-law. */
export function g711SilenceCode(law: G711Law): number {
  return ENCODE[law][0];
}
