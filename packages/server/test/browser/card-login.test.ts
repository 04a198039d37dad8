/**
 * Card login in a real browser: Debian's chromium on the login page, the project's own signing component
 * (with a development-CA card as a PKCS#12 software token) answering through its popup, the platform verifying
 * against the development CA and its OCSP responder. Every request the browser sends to the platform is
 * watched: none carries the PIN.
 */
import path from 'node:path';
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initDevCa, issueCard, startDevResponder, type DevResponder } from '@menhu/pki/devca';
import { softwareTokenProvider, startSigner, type RunningSigner } from '@menhu/signer';
import { chromiumAvailable } from '../support/services';
import { freePort } from '../support/ports';
import { tempDir } from '../support/platform';
import { screenshot, startBrowserPlatform, WAIT_MS, type BrowserPlatform } from '../support/browser';

const PIN = '24681357';
const PASSWORD = 'Taipei 101 at sunrise';
const available = await chromiumAvailable();

describe.skipIf(!available)('card login in Chromium with the local component', () => {
  const tmp = tempDir('menhu-card-browser-');
  let platform: BrowserPlatform;
  let responder: DevResponder;
  let signer: RunningSigner;

  beforeAll(async () => {
    const ocspPort = await freePort();
    const ca = await initDevCa(path.join(tmp.dir, 'ca'), { baseUrl: `http://127.0.0.1:${ocspPort}`, caKeyAlgorithm: 'rsa-2048' });
    responder = await startDevResponder(ca.dir, { port: ocspPort });
    const p12 = path.join(tmp.dir, 'card.p12');
    await issueCard(ca.dir, { kind: 'citizen', name: '王小明', id: 'A123456789', output: { to: 'pkcs12', file: p12, password: PIN } });
    const signerPort = await freePort();
    platform = await startBrowserPlatform({ TRUST_ANCHORS: ca.trustDir, SIGNER_URL: `http://localhost:${signerPort}` });
    signer = await startSigner({
      token: await softwareTokenProvider(p12, PIN),
      trustedOrigins: [platform.baseUrl],
      port: signerPort,
      version: 'menhu-signer browser test',
    });
  }, 90_000);

  afterAll(async () => {
    await signer?.close();
    await platform?.close();
    await responder?.close();
    tmp.remove();
  });

  /** Every request the page sends to the platform, with its body. */
  function watch(page: Page): Request[] {
    const seen: Request[] = [];
    page.context().on('request', (r) => {
      if (r.url().startsWith(platform.baseUrl)) seen.push(r);
    });
    return seen;
  }

  it('binds the card on first use and then signs in at the highest level; the PIN never reaches the platform', async () => {
    const context = await platform.browser.newContext({ locale: 'zh-TW' });
    const page = await context.newPage();
    const requests = watch(page);
    await page.goto(`${platform.baseUrl}/login`);
    const panel = page.locator('#card-login');
    await panel.getByLabel('PIN 碼', { exact: true }).fill(PIN);
    await panel.getByRole('button', { name: '登入' }).click();

    await page.waitForURL(`${platform.baseUrl}/login/card/bind`, { timeout: WAIT_MS });
    await expect.poll(() => page.locator('main').innerText()).toContain('憑證持有人：王小明');
    await page.getByLabel('帳號', { exact: true }).fill('citizen.demo');
    await page.getByLabel('密碼', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: '綁定並登入' }).click();
    await page.waitForURL(`${platform.baseUrl}/account`, { timeout: WAIT_MS });
    const text = await page.locator('main').innerText();
    expect(text).toContain('高（自然人憑證卡片）');
    expect(text).toContain('A*****6789（已由自然人憑證驗證）');
    await screenshot(page, 'card-login-account-zh-TW');

    // The second time the card alone signs in.
    const second = await (await platform.browser.newContext({ locale: 'zh-TW' })).newPage();
    requests.push(...watch(second));
    await second.goto(`${platform.baseUrl}/login`);
    await second.locator('#card-login').getByLabel('PIN 碼', { exact: true }).fill(PIN);
    await second.locator('#card-login').getByRole('button', { name: '登入' }).click();
    await second.waitForURL(`${platform.baseUrl}/account`, { timeout: WAIT_MS });

    const leaks = requests.filter((r) => r.url().includes(PIN) || (r.postData() ?? '').includes(PIN));
    expect(leaks.map((r) => r.url())).toEqual([]);
    expect(requests.some((r) => r.url().endsWith('/login/card'))).toBe(true);
    await context.close();
    await second.context().close();
  });

  it('says the component is not running when nothing answers at SIGNER_URL', async () => {
    await signer.close();
    const context = await platform.browser.newContext({ locale: 'zh-TW' });
    const page = await context.newPage();
    await page.goto(`${platform.baseUrl}/login`);
    await page.locator('#card-login').getByLabel('PIN 碼', { exact: true }).fill(PIN);
    await page.locator('#card-login').getByRole('button', { name: '登入' }).click();
    await expect.poll(() => page.locator('#card-status').innerText(), { timeout: WAIT_MS }).not.toBe('');
    await expect.poll(() => page.locator('#card-status').innerText(), { timeout: WAIT_MS }).not.toContain('正在');
    await screenshot(page, 'card-login-no-component-zh-TW');
    await context.close();
  });
});
