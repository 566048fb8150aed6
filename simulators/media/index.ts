/** simulators/media's public API (README.md describes it). */
export * from './g711';
export * from './rtp-packet';
export * from './rtp-sender';
export * from './impaired-link';
export * from './wav';
export * from './seeded-random';
export * from './watermark/layout';
export { synthesizeFrame, TONE_AMPLITUDE } from './watermark/frame-synth';
export { decideTones, correlate, bestFramePosition, isWholeFrame, ToneDecision } from './watermark/frame-decoder';
export { WatermarkSource } from './watermark/watermark-source';
export * from './rtp-receiver';
