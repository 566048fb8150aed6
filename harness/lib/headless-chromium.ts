import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserContext, chromium } from 'playwright-core';

/** Debian's chromium (harness/setup.sh installs it); playwright-core brings no browser of its own. */
export const CHROMIUM_PATH = process.env.GIR_CHROMIUM || '/usr/bin/chromium';

// Quiet and self-contained: no sandbox (tests run as root in CI), no GPU, no network of its own.
const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Runs `use` with a headless Chromium on a fresh profile, closed and removed afterwards. */
export async function withChromium<T>(use: (browser: BrowserContext) => Promise<T>): Promise<T> {
  const profile = mkdtempSync(join(tmpdir(), 'gir-chromium-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: FLAGS,
    viewport: { width: 1400, height: 1000 },
    timeout: 60_000,
  });
  try {
    return await use(browser);
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
