/**
 * The environment check page (環境檢測) in Debian's Chromium, against the real local component (packages/signer)
 * with a software token issued by the development CA: the page opens the component's popup, answers getTbs
 * with GetUserCert and shows the component, its version, the reader, the card, the certificate's expiry and
 * the clock's offset. A component that does not trust the platform gets the /addDomain link instead of the
 * certificates; with the component stopped the page says it is not installed or not running and links to
 * the install help. The browser runs under the platform's real CSP and COOP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import axe from 'axe-core';
import { chromium, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { startSigner, type RunningSigner, type TokenProvider } from '@menhu/signer';
import { softwareTokenProvider, SOFTWARE_SLOT_DESCRIPTION } from '../../../signer/src/token/software';
import { freePort, makeSoftwareCard, type TestCard } from '../../../signer/test/server/support';
import { CHROMIUM, chromiumAvailable } from '../support/services';
import { DESKTOP, WAIT_MS, screenshot, startBrowserPlatform, type BrowserPlatform } from '../support/browser';

const haveChromium = await chromiumAvailable();

const VERSION = '9.8.7-envcheck';

/** As the page shows it: the date in Taiwan, YYYY-MM-DD. */
function taipeiDate(date: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Taipei', year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

describe.skipIf(!haveChromium)('the environment check page in Chromium', () => {
  let card: TestCard;
  let platform: BrowserPlatform;
  let signerPort: number;
  const signers: RunningSigner[] = [];
  const problems: string[] = [];

  async function startComponent(trustPlatform: boolean, token?: TokenProvider): Promise<RunningSigner> {
    const signer = await startSigner({
      token: token ?? (await softwareTokenProvider(card.p12, card.password)),
      trustedOrigins: trustPlatform ? [platform.baseUrl] : [],
      port: signerPort,
      version: VERSION,
    });
    signers.push(signer);
    return signer;
  }

  beforeAll(async () => {
    card = await makeSoftwareCard();
    signerPort = await freePort();
    platform = await startBrowserPlatform({ SIGNER_URL: `http://localhost:${signerPort}` });
  }, 60_000);

  afterAll(async () => {
    for (const s of signers) await s.close();
    await platform?.close();
    card?.remove();
  });

  /** Opens the page, presses the button and waits for the status region to announce the end. */
  async function runCheck(
    lang: 'zh-TW' | 'en',
    options: BrowserContextOptions = {},
    initScript?: string,
  ): Promise<{ context: BrowserContext; page: Page }> {
    const context = await platform.browser.newContext({ ...DESKTOP, locale: lang, baseURL: platform.baseUrl, ...options });
    context.setDefaultTimeout(WAIT_MS);
    if (initScript) await context.addInitScript(initScript);
    const page = await context.newPage();
    page.on('console', (msg) => {
      if (/Content Security Policy/i.test(msg.text())) problems.push(msg.text());
    });
    page.on('pageerror', (err) => problems.push(String(err)));
    await page.goto('/envcheck');
    await page.getByRole('button', { name: lang === 'en' ? 'Start the check' : '開始檢測' }).click();
    await expect
      .poll(() => page.locator('#envcheck-status').textContent(), { timeout: 20_000 })
      .toMatch(lang === 'en' ? /Check finished/ : /檢測完成/);
    return { context, page };
  }

  const item = (page: Page, id: string) => page.locator(`#envcheck-${id}`);

  it('shows the running component with its version, the reader, the card, the certificate expiry and the clock offset', async () => {
    const signer = await startComponent(true);
    const { context, page } = await runCheck('zh-TW');
    try {
      expect(await item(page, 'popups').getAttribute('data-state')).toBe('pass');
      expect(await item(page, 'component').getAttribute('data-state')).toBe('pass');
      expect(await item(page, 'component').textContent()).toContain(`憑證元件已安裝並正在執行（http://localhost:${signerPort}）`);
      expect(await item(page, 'version').textContent()).toContain(VERSION);
      expect(await item(page, 'readers').getAttribute('data-state')).toBe('pass');
      expect(await item(page, 'readers').textContent()).toContain(SOFTWARE_SLOT_DESCRIPTION);
      expect(await item(page, 'card').getAttribute('data-state')).toBe('pass');
      expect(await item(page, 'card').textContent()).toContain('讀卡機中有卡片：Software token (not a card): 王小明');
      expect(await item(page, 'certs').getAttribute('data-state')).toBe('pass');
      expect(await item(page, 'certs').textContent()).toContain(`有效至 ${taipeiDate(card.card.notAfter)}`);
      expect(await item(page, 'clock').getAttribute('data-state')).toBe('pass');
      expect(await item(page, 'clock').textContent()).toMatch(/相差約 \d+(\.\d)? 秒/);
      // The state is in words, not only in colour; the popup closed itself after answering.
      expect(await item(page, 'component').locator('.envcheck__state strong').textContent()).toBe('正常');
      expect(context.pages()).toHaveLength(1);
      // Debian's Chromium is not Chrome or Edge: a warning, not a failure.
      expect(await item(page, 'browser').getAttribute('data-state')).toBe('warn');
      expect(await item(page, 'browser').textContent()).toMatch(/Chromium \d+/);
      expect(await item(page, 'cookies').getAttribute('data-state')).toBe('pass');
      expect(await page.locator('#envcheck-status').textContent()).toBe('檢測完成：0 項需要處理，1 項請留意。');
      expect(problems).toEqual([]);
      await screenshot(page, 'envcheck-component-running');
    } finally {
      await context.close();
      await signer.close();
    }
  });

  it('has no serious or critical accessibility violations once the results are in (axe-core)', async () => {
    const signer = await startComponent(true);
    // axe is injected inline, which the nonce CSP rightly blocks: bypass it in this test only (STACK-NOTES.md).
    const { context, page } = await runCheck('zh-TW', { bypassCSP: true });
    try {
      await page.addScriptTag({ content: axe.source });
      const found = (await page.evaluate(() =>
        (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations),
      )) as { id: string; impact?: string | null; nodes: { html: string }[] }[];
      const blocking = found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(blocking.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)).toEqual([]);
    } finally {
      await context.close();
      await signer.close();
    }
  });

  it('explains a component that does not trust this site yet and links to adding it', async () => {
    const signer = await startComponent(false);
    const { context, page } = await runCheck('en');
    try {
      expect(await item(page, 'component').getAttribute('data-state')).toBe('pass');
      expect(await item(page, 'card').getAttribute('data-state')).toBe('pass');
      expect(await item(page, 'certs').getAttribute('data-state')).toBe('warn');
      expect(await item(page, 'certs').textContent()).toContain(`does not trust this site (${platform.baseUrl})`);
      const add = item(page, 'certs').getByRole('link', { name: "Add this site to the component's trusted sites" });
      expect(await add.getAttribute('href')).toBe(`http://localhost:${signerPort}/addDomain?origin=${encodeURIComponent(platform.baseUrl)}`);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
      await signer.close();
    }
  });

  it('says the component did not answer when its window is closed before it answers', async () => {
    // A test double over the software token, named as such: after the component's start-up look, reading the
    // reader takes 20 s, so the person closes the popup first.
    const inner = await softwareTokenProvider(card.p12, card.password);
    let calls = 0;
    const slowToken: TokenProvider = {
      slots: async () => {
        if (calls++ > 0) await new Promise((resolve) => setTimeout(resolve, 20_000));
        return inner.slots();
      },
      sign: (r) => inner.sign(r),
      close: () => inner.close(),
    };
    const signer = await startComponent(true, slowToken);
    const context = await platform.browser.newContext({ ...DESKTOP, locale: 'zh-TW', baseURL: platform.baseUrl });
    context.setDefaultTimeout(WAIT_MS);
    try {
      const page = await context.newPage();
      await page.goto('/envcheck');
      const popupOpened = context.waitForEvent('page');
      await page.getByRole('button', { name: '開始檢測' }).click();
      const popup = await popupOpened;
      await expect.poll(() => popup.locator('#caller').isVisible()).toBe(true); // the package has arrived
      const closedAt = Date.now();
      await popup.close();
      await expect.poll(() => page.locator('#envcheck-status').textContent(), { timeout: 10_000 }).toMatch(/檢測完成/);
      expect(Date.now() - closedAt).toBeLessThan(5_000);
      expect(await item(page, 'component').getAttribute('data-state')).toBe('fail');
      expect(await item(page, 'component').textContent()).toContain('憑證元件有開啟，但沒有回覆檢測結果');
      expect(await item(page, 'component').getByRole('link', { name: '安裝與啟動憑證元件' }).getAttribute('href')).toBe('/help#install-component');
    } finally {
      await context.close();
      await signer.close();
    }
  });

  it('with the component stopped, says it is not installed or not running and links to the install help', async () => {
    const { context, page } = await runCheck('zh-TW');
    try {
      expect(await item(page, 'popups').getAttribute('data-state')).toBe('pass');
      expect(await item(page, 'component').getAttribute('data-state')).toBe('fail');
      expect(await item(page, 'component').textContent()).toContain('元件可能沒有安裝，或沒有啟動');
      expect(await item(page, 'component').locator('.envcheck__state strong').textContent()).toBe('需要處理');
      const help = item(page, 'component').getByRole('link', { name: '安裝與啟動憑證元件' });
      expect(await help.getAttribute('href')).toBe('/help#install-component');
      for (const id of ['version', 'readers', 'card', 'certs']) expect(await item(page, id).getAttribute('data-state')).toBe('skip');
      expect(await item(page, 'clock').getAttribute('data-state')).toBe('pass');
      await expect.poll(() => context.pages().length).toBe(1); // the error-page popup was closed by the page
      expect(problems).toEqual([]);
      await screenshot(page, 'envcheck-component-missing');
    } finally {
      await context.close();
    }
  });

  it('says the computer’s clock is off, by how much, and links to how to set it', async () => {
    // The page's clock runs ten minutes ahead of the server's, as on a computer whose time is not synchronised.
    const { context, page } = await runCheck('zh-TW', {}, 'Date.now = ((now) => () => now() + 600000)(Date.now);');
    try {
      expect(await item(page, 'clock').getAttribute('data-state')).toBe('fail');
      expect(await item(page, 'clock').textContent()).toMatch(/相差約 (59\d|60\d) 秒/);
      const help = item(page, 'clock').getByRole('link', { name: '校正電腦時間的步驟' });
      expect(await help.getAttribute('href')).toBe('/help#clock');
    } finally {
      await context.close();
    }
  });

  it('says so when the browser blocks the popup, and checks the rest', async () => {
    // playwright-core turns Chromium's pop-up blocker off by default; this browser keeps it on. Playwright's
    // calls count as a user gesture, so the test spends that gesture on a window of its own first: the page's
    // window.open then has none left and is blocked, as it is for a script that opens windows unasked.
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      ignoreDefaultArgs: ['--disable-popup-blocking'],
      timeout: 30_000,
    });
    try {
      const context = await browser.newContext({ ...DESKTOP, locale: 'zh-TW', baseURL: platform.baseUrl });
      context.setDefaultTimeout(WAIT_MS);
      const page = await context.newPage();
      await page.goto('/envcheck');
      await page.locator('#envcheck-start').waitFor({ state: 'visible' });
      const blocked = await page.evaluate(() => {
        window.open('about:blank', 'spent')?.close();
        document.getElementById('envcheck-start')?.click();
        return window.open('about:blank', 'again') === null;
      });
      expect(blocked).toBe(true);
      await expect.poll(() => page.locator('#envcheck-status').textContent(), { timeout: 20_000 }).toMatch(/檢測完成/);
      expect(await item(page, 'popups').getAttribute('data-state')).toBe('fail');
      expect(await item(page, 'popups').textContent()).toContain('瀏覽器擋下了連到憑證元件的小視窗');
      expect(await item(page, 'component').getAttribute('data-state')).toBe('skip');
      expect(await item(page, 'clock').getAttribute('data-state')).toBe('pass');
      expect(context.pages()).toHaveLength(1);
    } finally {
      await browser.close();
    }
  });
});
