export type Direction = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

/** The static and dynamic payload types the harness uses. */
export const CODECS = {
  PCMU: { payload: 0, rate: 8000 },
  PCMA: { payload: 8, rate: 8000 },
  'telephone-event': { payload: 101, rate: 8000 },
} as const;

export type CodecName = keyof typeof CODECS;

export interface Codec {
  payload: number;
  name: string;
  rate: number;
}

/** One m=audio line to build. */
export interface MediaLineSpec {
  port: number;
  /** In preference order (default PCMU, PCMA). */
  codecs?: CodecName[];
  /** Default 20 ms. */
  ptime?: number;
  /** Default sendrecv. */
  direction?: Direction;
  /** a=label (RFC 4574): the recording stream id, "1" or "2" in the gir-msml profile. */
  label?: string;
  /** A c= line for this m-line only, when it differs from the session one. */
  address?: string;
}

export interface SdpOrigin {
  username: string;
  sessionId: string | number;
  sessionVersion: number;
}

export interface SdpSpec {
  /** Session-level connection address (c=) and origin address. */
  address: string;
  origin?: Partial<SdpOrigin>;
  sessionName?: string;
  media: MediaLineSpec[];
}

/** What the harness reads back from one m-line. */
export interface MediaInfo {
  index: number;
  type: string;
  port: number;
  protocol: string;
  /** Connection address in effect (m-level c= over session-level). */
  address: string;
  direction: Direction;
  label?: string;
  codecs: Codec[];
  ptime?: number;
}

export interface SdpInfo {
  origin: SdpOrigin & { address: string };
  address?: string;
  media: MediaInfo[];
}

export function oppositeDirection(direction: Direction): Direction {
  if (direction === 'sendonly') return 'recvonly';
  if (direction === 'recvonly') return 'sendonly';
  return direction;
}
