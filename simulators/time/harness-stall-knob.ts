/**
 * A fault knob for the harness's own self-test: GIR_HARNESS_STALL_MS=<ms> blocks the event loop that
 * long right before the harness takes a timed action mid-call (a phone's hang-up, the recording
 * client's pause), as a slow or busy runner would. It proves that the harness's lateness turns the
 * checks it bears on inconclusive, never failed, while a real deviation still fails. Unset: no cost.
 */
export function stallIfAsked(env: NodeJS.ProcessEnv = process.env): number {
  const ms = Number(env.GIR_HARNESS_STALL_MS ?? 0);
  if (!(ms > 0)) return 0;
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // Busy on purpose: timers and sockets wait, exactly as behind a long garbage collection.
  }
  return ms;
}
