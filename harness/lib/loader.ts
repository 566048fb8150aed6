/**
 * The TypeScript loader every child process of the harness runs under.
 * tsx is the fast default; GIR_LOADER=ts-node selects ts-node (type-checks nothing at run time:
 * `npm run typecheck` does that once).
 */
export type LoaderName = 'tsx' | 'ts-node';

export function loaderName(env: NodeJS.ProcessEnv = process.env): LoaderName {
  const name = env.GIR_LOADER ?? 'tsx';
  if (name !== 'tsx' && name !== 'ts-node') {
    throw new Error(`GIR_LOADER must be "tsx" or "ts-node", got "${name}"`);
  }
  return name;
}

/** The module to preload with `node --require` (CommonJS, one module system throughout). */
export function loaderRequireModule(env: NodeJS.ProcessEnv = process.env): string {
  return loaderName(env) === 'tsx' ? 'tsx/cjs' : 'ts-node/register/transpile-only';
}
