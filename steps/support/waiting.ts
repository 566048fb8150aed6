/**
 * How long the harness waits for something that must happen (a call to arrive, a file to appear)
 * before it gives up with a clear error. It measures nothing: every measured limit is a profile
 * tolerance. It only keeps a broken SUT from hanging a scenario until the step timeout.
 */
export const HARNESS_WAIT_MS = 10_000;

/** Resolves with `promise`, or rejects naming `what` after `ms`. */
export function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing within ${Math.round(ms)} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Lets `ms` of call time pass: the length of a conversation, part of what a scenario says. */
export function talkFor(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
