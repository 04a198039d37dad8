/** The environment check page (環境檢測) as the server answers it; the checks themselves run in test/browser. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availability } from '../../src/methods/availability';
import { testApp, type TestApp } from '../support/platform';

describe('the environment check page', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp({ env: { SIGNER_URL: 'http://localhost:61999' } });
  });
  afterAll(() => t.close());

  it('is served in Traditional Chinese with the list of checks, the start button and the status region', async () => {
    const res = await t.app.inject({ url: '/envcheck', headers: { 'accept-language': 'zh-TW' } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1 id="envcheck-title">環境檢測</h1>');
    expect(res.body).toMatch(/<button type="button" id="envcheck-start" class="button button--primary" hidden>開始檢測<\/button>/);
    expect(res.body).toContain('<p role="status" id="envcheck-status"');
    for (const heading of ['瀏覽器', 'Cookie', '彈出式視窗', '憑證元件', '元件版本', '讀卡機', '晶片卡', '卡片憑證', '電腦時間']) {
      expect(res.body).toContain(`<h3>${heading}</h3>`);
    }
    expect(res.body).toContain('尚未檢測');
    expect(res.body).toContain('瀏覽器詢問「區域網路」權限時');
  });

  it('is served in English when asked', async () => {
    const res = await t.app.inject({ url: '/envcheck', headers: { 'accept-language': 'en' } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1 id="envcheck-title">Environment check</h1>');
    expect(res.body).toContain('Start the check');
    expect(res.body).toContain('<h3>Card readers</h3>');
    expect(res.body).toContain('If your browser asks about your local network');
  });

  it('says without JavaScript that the check needs it', async () => {
    const { body } = await t.app.inject({ url: '/envcheck', headers: { 'accept-language': 'zh-TW' } });
    expect(body).toMatch(/<noscript><p class="notice" id="envcheck-noscript">環境檢測要在瀏覽器中執行，必須開啟 JavaScript/);
  });

  it('names the configured component origin, for the popup and the messages it accepts', async () => {
    const { body } = await t.app.inject('/envcheck');
    expect(body).toContain('data-signer-origin="http://localhost:61999"');
  });

  it('lets the page open the component popup: COOP same-origin-allow-popups, scripts only with the nonce', async () => {
    const res = await t.app.inject('/envcheck');
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin-allow-popups');
    const csp = String(res.headers['content-security-policy']);
    const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(res.body).toContain(`<script nonce="${nonce}" src="/assets/app.js" defer`);
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("form-action 'self'");
    // The texts for the script are a data block, which CSP does not treat as a script to run.
    expect(res.body).toMatch(/<script type="application\/json" id="envcheck-texts">\{"envcheck\./);
  });

  it('keeps the texts data block from closing its element', async () => {
    const { body } = await t.app.inject('/envcheck');
    const block = /<script type="application\/json" id="envcheck-texts">([\s\S]*?)<\/script>/.exec(body)?.[1] ?? '';
    expect(block).not.toContain('<');
    expect(JSON.parse(block)['envcheck.start']).toBeTruthy();
  });

  it('tells the server time in ms as JSON, not cached, without starting a session', async () => {
    t.clock.set(Date.parse('2026-11-28T02:03:04.567Z'));
    const res = await t.app.inject('/envcheck/time');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.json()).toEqual({ now: Date.parse('2026-11-28T02:03:04.567Z') });
  });

  it('is listed in the site map as an enabled page', async () => {
    const { body } = await t.app.inject({ url: '/sitemap', headers: { 'accept-language': 'zh-TW' } });
    expect(body).toContain('<a href="/envcheck">環境檢測</a>');
  });
});

describe('the environment check page when switched off', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp({ methods: { ...availability, envCheck: false } });
  });
  afterAll(() => t.close());

  it('answers the plain "not enabled" notice, and no clock endpoint', async () => {
    const page = await t.app.inject({ url: '/envcheck', headers: { 'accept-language': 'zh-TW' } });
    expect(page.statusCode).toBe(501);
    expect(page.body).toContain('「環境檢測」尚未在本伺服器啟用');
    expect((await t.app.inject('/envcheck/time')).statusCode).toBe(404);
  });
});
