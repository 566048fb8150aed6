import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SipUserAgent } from '../../sip';
import { systemClock } from '../../time/clock';
import { FakeMediaServer } from '../media-server';

/**
 * Runs `body` against a fresh fake Media Server (own recordings root) and a SIP user agent to talk
 * to it; both are closed and the root removed afterwards, whatever the test did.
 */
export async function withMediaServer(body: (ms: FakeMediaServer, ua: SipUserAgent, root: string) => Promise<void>): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'gir-ms-'));
  const ms = await FakeMediaServer.start({ host: '127.0.0.1', port: 0, root, clock: systemClock });
  const ua = await SipUserAgent.start({ host: '127.0.0.1', port: 0 });
  try {
    await body(ms, ua, root);
  } finally {
    await ua.close();
    await ms.close();
    rmSync(root, { recursive: true, force: true });
  }
}
