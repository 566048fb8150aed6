import { readSdp, SdpInfo, SipRequest } from '../sip';
import { HEADER, readRecordingParameters, RecordingParameters } from '../gir-msml/recording-headers';
import { parseRecordingUri, RecordingUri } from '../gir-msml/recording-uri';
import { WireProfileError } from '../gir-msml/wire-error';

/** A recording INVITE read against the gir-msml profile. */
export interface RecordingOffer {
  uri: RecordingUri;
  parameters: RecordingParameters;
  sdp: SdpInfo;
  /** Index of the m-line with a=label:1 (party side) and a=label:2 (other party). */
  lineOfLabel: [number, number];
  /** X-Genesys-Partitions exactly as the SUT wrote it (rule 4 wants it normalised already). */
  partitionsHeader?: string;
}

/** Why a recording INVITE is refused: the status and a reason phrase naming the problem. */
export interface OfferRejection {
  status: number;
  reason: string;
}

export function readRecordingOffer(request: SipRequest): RecordingOffer | OfferRejection {
  let uri: RecordingUri;
  let parameters: RecordingParameters;
  try {
    uri = parseRecordingUri(request.uri.toString());
    parameters = readRecordingParameters((name) => request.headers.get(name));
  } catch (error) {
    if (error instanceof WireProfileError) return { status: 400, reason: error.message };
    throw error;
  }
  if (!request.body.length) return { status: 488, reason: 'recording INVITE has no SDP offer' };
  let sdp: SdpInfo;
  try {
    sdp = readSdp(request.body);
  } catch (error) {
    return { status: 488, reason: `unreadable SDP: ${(error as Error).message}` };
  }
  const audio = sdp.media.filter((m) => m.type === 'audio');
  const line = (label: string): number => sdp.media.findIndex((m) => m.type === 'audio' && m.label === label);
  const lineOfLabel: [number, number] = [line('1'), line('2')];
  if (audio.length !== 2 || lineOfLabel.includes(-1)) {
    return { status: 488, reason: `expected two m=audio lines with a=label:1 and a=label:2, got ${audio.length} (labels ${audio.map((m) => m.label ?? 'none').join(', ')})` };
  }
  const unusable = lineOfLabel.map((i) => sdp.media[i]).find((m) => !m.codecs.some((c) => c.name === 'PCMU' || c.name === 'PCMA'));
  if (unusable) return { status: 488, reason: `m-line a=label:${unusable.label} offers no PCMU or PCMA` };
  const partitionsHeader = request.headers.get(HEADER.partitions) ?? undefined;
  return { uri, parameters, sdp, lineOfLabel, ...(partitionsHeader !== undefined ? { partitionsHeader } : {}) };
}

export function isRejection(value: RecordingOffer | OfferRejection): value is OfferRejection {
  return 'status' in value;
}
