import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, setCookie, type TestApp } from '../support/platform';

function csp(headers: Record<string, unknown>): Map<string, string> {
  return new Map(
    String(headers['content-security-policy'])
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name = '', ...values] = d.split(/\s+/);
        return [name, values.join(' ')] as const;
      }),
  );
}

describe('security headers over http (a developer machine)', () => {
  let t: TestApp;
  beforeAll(async () => void (t = await testApp()));
  afterAll(() => t.close());

  it('lets the login page open the component popup and post back to agencies', async () => {
    const res = await t.app.inject('/login');
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin-allow-popups');
    const policy = csp(res.headers);
    expect(policy.has('form-action')).toBe(false);
    expect(policy.get('frame-ancestors')).toBe("'none'");
    expect(policy.get('object-src')).toBe("'none'");
  });

  it('runs only the script that carries this response’s nonce', async () => {
    const first = await t.app.inject('/login');
    const second = await t.app.inject('/login');
    const nonce = /'nonce-([0-9a-f]+)'/.exec(csp(first.headers).get('script-src') ?? '')?.[1];
    expect(nonce).toMatch(/^[0-9a-f]{32}$/);
    expect(first.body).toContain(`<script nonce="${nonce}" src="/assets/app.js"`);
    expect(csp(second.headers).get('script-src')).not.toContain(nonce);
    expect(csp(first.headers).get('script-src')).not.toContain('unsafe-inline');
  });

  it('keeps the strict defaults on other pages: same-origin opener policy and form-action self', async () => {
    const res = await t.app.inject('/help');
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(csp(res.headers).get('form-action')).toBe("'self'");
  });

  it('forbids framing, sniffing and cross-site referrers, and caches no page', async () => {
    const res = await t.app.inject('/login');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('same-origin');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(csp(res.headers).has('upgrade-insecure-requests')).toBe(false);
  });

  it('sets the session cookie HttpOnly and SameSite=Lax, without the https-only prefix on http', async () => {
    const res = await t.app.inject('/login');
    const cookie = setCookie(res.headers, 'menhu_sid');
    expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cookie?.attributes).toMatch(/HttpOnly/);
    expect(cookie?.attributes).toMatch(/SameSite=Lax/);
    expect(cookie?.attributes).toMatch(/Path=\//);
    expect(cookie?.attributes).not.toMatch(/Secure/);
  });

  it('serves the stylesheet and script without starting a session', async () => {
    const css = await t.app.inject('/assets/site.css');
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.headers['set-cookie']).toBeUndefined();
    const js = await t.app.inject('/assets/app.js');
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.body).toContain('session-timeout');
    const again = await t.app.inject({ url: '/assets/app.js', headers: { 'if-none-match': String(js.headers.etag) } });
    expect(again.statusCode).toBe(304);
  });
});

describe('security headers under https', () => {
  let t: TestApp;
  beforeAll(async () => void (t = await testApp({ env: { PUBLIC_URL: 'https://login.example.gov.tw' } })));
  afterAll(() => t.close());

  it('adds HSTS and upgrades insecure requests', async () => {
    const res = await t.app.inject('/login');
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(csp(res.headers).has('upgrade-insecure-requests')).toBe(true);
  });

  it('names the session cookie with the __Host- prefix and marks it Secure', async () => {
    const res = await t.app.inject('/login');
    expect(setCookie(res.headers, 'menhu_sid')).toBeUndefined();
    const cookie = setCookie(res.headers, '__Host-menhu_sid');
    expect(cookie?.attributes).toMatch(/Secure/);
    expect(cookie?.attributes).toMatch(/Path=\//);
    expect(cookie?.attributes).not.toMatch(/Domain/i);
  });
});
