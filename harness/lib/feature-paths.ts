/**
 * Feature paths given on the command line. cucumber-js adds CLI paths to the configuration's
 * (`paths` is additive), so with cucumber.js's default `features/**\/*.feature` a path such as
 * `features/screen/follows-voice.feature:12` would still run the whole suite. The run takes them out
 * of the arguments and hands them over in GIR_FEATURE_PATHS, which cucumber.js uses instead of its
 * default.
 */
export const FEATURE_PATHS_ENV = 'GIR_FEATURE_PATHS';

/** A `.feature` file (with optional `:line` filters) or a folder under features/. */
const FEATURE_PATH = /^(?:features(?:\/[^\s]*)?|[^\s-][^\s]*\.feature(?::\d+)*)$/;

/** cucumber-js options whose next argument is their value (never a path). */
const TAKES_VALUE = new Set(['--tags', '-t', '--name', '--order', '--format', '-f', '--format-options', '--parallel', '--retry',
  '--retry-tag-filter', '--profile', '-p', '--require', '-r', '--import', '-i', '--require-module', '--world-parameters', '--language', '--shard']);

export function splitFeaturePaths(args: readonly string[]): { paths: string[]; rest: string[] } {
  const paths: string[] = [];
  const rest: string[] = [];
  args.forEach((arg, i) => {
    const optionValue = i > 0 && TAKES_VALUE.has(args[i - 1]);
    if (!optionValue && FEATURE_PATH.test(arg)) paths.push(arg);
    else rest.push(arg);
  });
  return { paths, rest };
}
