export { buildSdp, readSdp, answerSdp, withDirection } from './sdp';
export type { AnswerSpec } from './sdp';
export { CODECS, oppositeDirection } from './sdp-types';
export type { Direction, CodecName, Codec, MediaLineSpec, SdpSpec, SdpInfo, MediaInfo, SdpOrigin } from './sdp-types';
