import { spawnSync } from 'node:child_process';

/**
 * Removes the SUT containers this process started when it ends some other way than by stopping
 * them (a signal, an uncaught error, process.exit): no container outlives a run. Ryuk, which
 * testcontainers would use for this, is off (its image cannot be pulled without a registry).
 * The removal is synchronous, as an 'exit' listener must be: a short Node child asks the engine's
 * API to remove each container by id, force (kill, then remove).
 */
const live = new Set<string>();
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export function watchContainer(id: string): void {
  if (live.size === 0) listen(true);
  live.add(id);
}

export function forgetContainer(id: string): void {
  live.delete(id);
  if (live.size === 0) listen(false);
}

function listen(on: boolean): void {
  const method = on ? 'on' : 'off';
  process[method]('exit', removeAll);
  for (const signal of SIGNALS) process[method](signal, onSignal);
}

function onSignal(signal: NodeJS.Signals): void {
  removeAll();
  // Then end as that signal would have without this listener.
  process.kill(process.pid, signal);
}

function removeAll(): void {
  const ids = [...live];
  listen(false);
  live.clear();
  if (ids.length === 0) return;
  spawnSync(process.execPath, ['-e', REMOVE_SCRIPT, process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock', ...ids], { stdio: 'ignore', timeout: 10_000 });
}

/** DELETE /containers/<id>?force=true for each id, over the API at argv[1] (unix:// or tcp://). */
const REMOVE_SCRIPT = `
const http = require('node:http');
const [host, ...ids] = process.argv.slice(1);
const target = host.startsWith('unix://') ? { socketPath: host.slice(7) } : (() => { const u = new URL(host.replace(/^tcp:/, 'http:')); return { host: u.hostname, port: u.port }; })();
for (const id of ids) http.request({ ...target, method: 'DELETE', path: '/containers/' + id + '?force=true' }).on('error', () => {}).end();
`;
