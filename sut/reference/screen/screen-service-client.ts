import { request } from 'node:http';
import { ScreenCommand, screenRecordingPath } from '../../../simulators/screen/screen-command';

/** The screen-recording service refused a command, or did not answer in time. */
export class ScreenCommandError extends Error {
  constructor(readonly agentId: string, readonly command: ScreenCommand, detail: string) {
    super(`screen ${command.action} for agent ${agentId} (call ${command.connId}): ${detail}`);
    this.name = 'ScreenCommandError';
  }
}

/** How the mirror reaches the service; a fake in unit tests. */
export type ScreenCommandSender = (agentId: string, command: ScreenCommand) => Promise<void>;

/**
 * `POST <screen.url>/agents/<agentId>/screen-recording` with the JSON command (DESIGN.md, "Screen
 * recording service"): any 2xx is success; another status, a network error or no answer within
 * `timeoutMs` is a ScreenCommandError. One connection per command (no pool): a pooled connection
 * to a service that restarted on the same port would fail a command that never left.
 */
export function httpScreenSender(url: string, timeoutMs: number): ScreenCommandSender {
  const base = new URL(url);
  const prefix = base.pathname.replace(/\/+$/, '');
  return (agentId, command) => new Promise<void>((resolve, reject) => {
    const body = JSON.stringify(command);
    const fail = (detail: string) => reject(new ScreenCommandError(agentId, command, detail));
    const outgoing = request({
      host: base.hostname, port: base.port || 80, method: 'POST', path: `${prefix}${screenRecordingPath(agentId)}`, agent: false,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    }, (response) => {
      response.resume(); // the body says nothing the status does not
      response.on('end', () => {
        clearTimeout(timer);
        const status = response.statusCode ?? 0;
        if (status >= 200 && status < 300) resolve();
        else fail(`the service answered ${status}`);
      });
    });
    const timer = setTimeout(() => {
      outgoing.destroy();
      fail(`no answer within ${timeoutMs} ms`);
    }, timeoutMs);
    outgoing.on('error', (error) => {
      clearTimeout(timer);
      fail(error.message);
    });
    outgoing.end(body);
  });
}
