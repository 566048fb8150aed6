import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEngineFailure, engineEnvironment, engineSocket, NO_RUNTIME_MESSAGE, noEngineLine, PODMAN_SOCKET } from './container-engine';

const only = (...paths: string[]) => (path: string): boolean => paths.includes(path);

test("Podman's socket is DOCKER_HOST when no Docker socket is there; Ryuk off and the host 127.0.0.1 unless set", () => {
  assert.deepEqual(engineEnvironment({}, only(PODMAN_SOCKET)), {
    DOCKER_HOST: `unix://${PODMAN_SOCKET}`, TESTCONTAINERS_RYUK_DISABLED: 'true', TESTCONTAINERS_HOST_OVERRIDE: '127.0.0.1',
  });
  assert.equal(engineEnvironment({}, only('/var/run/docker.sock', PODMAN_SOCKET)).DOCKER_HOST, undefined, 'Docker first');
  assert.equal(engineEnvironment({}, only()).DOCKER_HOST, undefined, 'no socket: testcontainers looks for itself');
  assert.deepEqual(engineEnvironment({ DOCKER_HOST: 'tcp://ci:2375', TESTCONTAINERS_RYUK_DISABLED: 'false', TESTCONTAINERS_HOST_OVERRIDE: 'ci' }, only(PODMAN_SOCKET)), {});
});

test('a unix DOCKER_HOST names the socket to look for; tcp or none leaves the search to testcontainers', () => {
  assert.equal(engineSocket({ DOCKER_HOST: 'unix:///run/podman/podman.sock' }), '/run/podman/podman.sock');
  assert.equal(engineSocket({ DOCKER_HOST: 'tcp://ci:2375' }), undefined);
  assert.equal(engineSocket({}), undefined);
});

test('without an engine, one line says where it was looked for and how to get one', () => {
  const line = noEngineLine(describeEngineFailure(new Error(NO_RUNTIME_MESSAGE), { DOCKER_HOST: 'unix:///nowhere.sock' }));
  assert.equal(line.split('\n').length, 1);
  assert.match(line, /^no container engine for sut\.adapter "container" \(testcontainers: "Could not find a working container runtime strategy" at DOCKER_HOST=unix:\/\/\/nowhere\.sock\); harness\/setup-containers\.sh/);
  assert.match(describeEngineFailure(new Error('no socket at /x.sock'), {}), /^neither \/var\/run\/docker\.sock nor \/run\/podman\/podman\.sock: no socket at \/x\.sock$/);
});
