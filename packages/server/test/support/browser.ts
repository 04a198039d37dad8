/**
 * Browser suites: the real platform started in this process (startServer, as `npm start` does) on a free
 * port with its own data folder, and Debian's Chromium driven by playwright-core. Gate a suite with
 * chromiumAvailable() from services.ts; never `npx playwright install` (STACK-NOTES.md "Chromium").
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { loadConfig } from '../../src/config/schema';
import { startServer, type RunningServer } from '../../src/server';
import { tempDir } from './platform';
import { CHROMIUM } from './services';
import { freePort } from './ports';

/** The repository root (four folders up from packages/server/test/support). */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
/** Where screenshots are kept as artefacts of a run (gitignored: test-artifacts/). */
export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test-artifacts', 'screenshots');

/** A laptop screen, and a phone (iPhone 12–15 sized) that honours the page's viewport meta tag. */
export const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 900 } };
export const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
};

/** Upper bounds for waits, so a broken page fails the test rather than hanging it. */
export const WAIT_MS = 10_000;

export { freePort };

export interface BrowserPlatform {
  /** The running platform (its services are there for checks, e.g. the announcements it shows). */
  readonly server: RunningServer;
  /** http://127.0.0.1:<port>, also the platform's PUBLIC_URL. */
  readonly baseUrl: string;
  readonly browser: Browser;
  /** Stops the browser and the platform, and removes the data folder. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Starts the platform with demo data (the two announcements) and quiet logs, plus a headless Chromium.
 * `env` adds or overrides configuration, e.g. short session time-outs.
 */
export async function startBrowserPlatform(env: Record<string, string> = {}): Promise<BrowserPlatform> {
  const tmp = tempDir('menhu-browser-');
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  try {
    server = await startServer(
      loadConfig({
        HOST: '127.0.0.1',
        PORT: String(port),
        PUBLIC_URL: baseUrl,
        DATA_DIR: tmp.dir,
        LOG_LEVEL: 'silent',
        DEMO_DATA: 'true',
      // The development CA is made by `npm start`; browser tests of the pages do not need one.
      DEV_PKI: 'false',
        ...env,
      }),
    );
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      // playwright-core gives each launch a fresh temporary user-data dir of its own.
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
      timeout: 30_000,
    });
  } catch (err) {
    await server?.close();
    tmp.remove();
    throw err;
  }
  const running = server;
  const launched = browser;
  let closed = false;
  return {
    server: running,
    baseUrl,
    browser: launched,
    async close() {
      if (closed) return;
      closed = true;
      try {
        await launched.close();
      } finally {
        await running.close();
        tmp.remove();
      }
    },
  };
}

/** Saves a full-page PNG as test-artifacts/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  if (!/^[A-Za-z0-9._-]+$/.test(name)) throw new TypeError(`screenshot: "${name}" is not a plain file name`);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
