/**
 * Takes `<flag> N` out of a command's arguments (the rest go to cucumber unchanged): undefined when
 * the flag is absent; an error naming the flag when N is not a whole number >= `min`.
 */
export function takeWholeNumberOption(args: string[], flag: string, min: number, what: string): number | undefined {
  const at = args.indexOf(flag);
  if (at < 0) return undefined;
  const [, value] = args.splice(at, 2);
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`${flag} needs a whole number of ${what} >= ${min} (got "${value ?? ''}")`);
  return n;
}
