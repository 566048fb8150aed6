/** simulators/analysis's public API (README.md describes it). */
export * from './recording-analysis';
export { analyzeRecording, analyzeRecordingInParallel, judgeTimelines, RecordingInputError } from './analyze-recording';
export { AnalysisTolerances, DEFAULT_TOLERANCES, resolveTolerances } from './tolerances';
export { ScanOptions, DEFAULT_SCAN_OPTIONS } from './scan-options';
export * from './recording-summary';
export { renderRecordingSvg, RecordingPlotOptions } from './recording-plot';
export { scanSilence, silencedetectOptions, SilenceWindow, SilenceScanOptions, ChannelLayout } from './silence-scan';
