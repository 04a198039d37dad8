import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../support/platform';

describe('errors', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
    t.app.get('/test-only/boom', async () => {
      throw new Error('database password is hunter2 at /srv/menhu/src/secret.ts:12');
    });
  });
  afterAll(() => t.close());

  it('show a missing page in the reader’s language', async () => {
    const zh = await t.app.inject('/no-such-page');
    expect(zh.statusCode).toBe(404);
    expect(zh.body).toContain('找不到您要的網頁');
    const en = await t.app.inject({ url: '/no-such-page', headers: { 'accept-language': 'en' } });
    expect(en.body).toContain('The page you asked for does not exist');
  });

  it('hide the cause of an internal error and give a reference instead', async () => {
    const res = await t.app.inject('/test-only/boom');
    expect(res.statusCode).toBe(500);
    expect(res.body).toContain('系統暫時無法處理您的要求');
    expect(res.body).toMatch(/如需協助，請提供此代碼：[0-9a-f-]{36}/);
    expect(res.body).not.toContain('hunter2');
    expect(res.body).not.toContain('secret.ts');
    expect(res.body).not.toMatch(/at .*\(.*:\d+:\d+\)/);
  });

  it('answer scripts with JSON carrying the stable code and the message', async () => {
    const res = await t.app.inject({ url: '/test-only/boom', headers: { accept: 'application/json', 'accept-language': 'en' } });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: 'ERR_INTERNAL', message: 'The system cannot handle your request right now. Please try again later.' });
  });
});
