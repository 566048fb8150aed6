import { existsSync } from 'node:fs';

/**
 * The container engine behind `sut.adapter: container`: a Docker-API socket testcontainers can use
 * (Docker, or Podman's API service: ../shared/CONTAINERS.md). Looked for once per process; without
 * one, a run ends at once with one line (exit 2) and a test that needs one skips itself with it.
 */

/** Where harness/setup-containers.sh starts Podman's API. */
export const PODMAN_SOCKET = '/run/podman/podman.sock';
const DOCKER_SOCKET = '/var/run/docker.sock';

/** testcontainers fails this way, about 2 s after it is asked, when it finds no engine. */
export const NO_RUNTIME_MESSAGE = 'Could not find a working container runtime strategy';

/** How long the engine may take to answer before it counts as absent (never a hang). */
const DETECT_TIMEOUT_MS = 15_000;

/**
 * What testcontainers needs here, each only when not set already: Podman's socket when no Docker
 * socket is there; no Ryuk (its image cannot be pulled without a registry; the harness removes
 * its own containers, sut-container.ts); the host as 127.0.0.1 (SUT containers share its network).
 */
export function engineEnvironment(env: NodeJS.ProcessEnv, exists: (path: string) => boolean = existsSync): Record<string, string> {
  const add: Record<string, string> = {};
  if (!env.DOCKER_HOST && !exists(DOCKER_SOCKET) && exists(PODMAN_SOCKET)) add.DOCKER_HOST = `unix://${PODMAN_SOCKET}`;
  if (!env.TESTCONTAINERS_RYUK_DISABLED) add.TESTCONTAINERS_RYUK_DISABLED = 'true';
  if (!env.TESTCONTAINERS_HOST_OVERRIDE) add.TESTCONTAINERS_HOST_OVERRIDE = '127.0.0.1';
  return add;
}

/**
 * The socket a unix:// DOCKER_HOST names: when it is not there, no engine is, and testcontainers
 * need not be asked. Without DOCKER_HOST, testcontainers looks in more places (rootless Docker,
 * ~/.testcontainers.properties) than a check here would.
 */
export function engineSocket(env: NodeJS.ProcessEnv): string | undefined {
  const host = env.DOCKER_HOST;
  return host?.startsWith('unix://') ? host.slice('unix://'.length) : undefined;
}

/** The one line of a run, or of a skipped test, when there is no engine. */
export function noEngineLine(detail: string): string {
  return `no container engine for sut.adapter "container" (${detail}); harness/setup-containers.sh installs and starts Podman's API on Debian, or set DOCKER_HOST`;
}

/**
 * Why no engine can be used, in words, from what testcontainers or the socket check said; a
 * message it does not know is kept as it is.
 */
export function describeEngineFailure(error: unknown, env: NodeJS.ProcessEnv): string {
  const message = error instanceof Error ? error.message : String(error);
  const where = env.DOCKER_HOST ? `DOCKER_HOST=${env.DOCKER_HOST}` : `neither ${DOCKER_SOCKET} nor ${PODMAN_SOCKET}`;
  if (message.includes(NO_RUNTIME_MESSAGE)) return `testcontainers: "${NO_RUNTIME_MESSAGE}" at ${where}`;
  return `${where}: ${message}`;
}

/**
 * testcontainers, loaded on first use: a large module that a run without containers never needs.
 * require, not import(): the project is CommonJS, and a native import() under tsx or ts-node
 * resolves differently from the static imports.
 */
export function testcontainers(): typeof import('testcontainers') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('testcontainers') as typeof import('testcontainers');
}

export type EngineCheck = { ok: true } | { ok: false; line: string };

let detected: Promise<EngineCheck> | undefined;

/** Is there an engine? Asked once per process; the answer comes within DETECT_TIMEOUT_MS. */
export function detectContainerEngine(): Promise<EngineCheck> {
  detected ??= detect();
  return detected;
}

async function detect(): Promise<EngineCheck> {
  // testcontainers reads these from the process's environment when it first looks for an engine.
  Object.assign(process.env, engineEnvironment(process.env));
  const socket = engineSocket(process.env);
  if (socket !== undefined && !existsSync(socket)) {
    return { ok: false, line: noEngineLine(describeEngineFailure(new Error(`no socket at ${socket}`), process.env)) };
  }
  let timer: NodeJS.Timeout | undefined;
  try {
    const { getContainerRuntimeClient } = testcontainers();
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${DETECT_TIMEOUT_MS} ms`)), DETECT_TIMEOUT_MS);
    });
    await Promise.race([getContainerRuntimeClient(), timeout]);
    return { ok: true };
  } catch (error) {
    return { ok: false, line: noEngineLine(describeEngineFailure(error, process.env)) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Why a container of this image cannot be started here (no engine, or the image is not on it: a
 * missing image would be pulled, from a registry that may not be reachable), or undefined.
 */
export async function imageUnavailable(image: string): Promise<string | undefined> {
  const engine = await detectContainerEngine();
  if (!engine.ok) return engine.line;
  const { getContainerRuntimeClient, ImageName } = testcontainers();
  const client = await getContainerRuntimeClient();
  if (await client.image.exists(ImageName.fromString(image))) return undefined;
  return `image ${image} is not on this engine: docker/build.sh builds the project's images`;
}

