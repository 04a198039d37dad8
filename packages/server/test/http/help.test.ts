/** The help page (常見問題) as a citizen without JavaScript gets it: every answer, its anchor, the search box. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HELP_ANCHORS } from '@menhu/protocol';
import { testApp, type TestApp } from '../support/platform';

/** The anchors the card-login messages link to: each must exist on the page. */
const ANCHORS = HELP_ANCHORS;

const QUESTIONS = ANCHORS.filter((a) => !a.startsWith('cookies-'));

function visibleQuestions(html: string): string[] {
  return [...html.matchAll(/<section [^>]*data-help-question="([a-z-]+)"([^>]*)>/g)]
    .filter((m) => !/\bhidden\b/.test(m[2] ?? ''))
    .map((m) => m[1]!);
}

describe('the help page', () => {
  let t: TestApp;
  beforeAll(async () => void (t = await testApp()));
  afterAll(() => t.close());

  const page = (url: string, lang: 'zh-TW' | 'en') => t.app.inject({ url, cookies: { lang } });

  for (const lang of ['zh-TW', 'en'] as const) {
    it(`has an anchor for every question and the cookie steps (${lang})`, async () => {
      const { statusCode, body } = await page('/help', lang);
      expect(statusCode).toBe(200);
      for (const id of ANCHORS) expect(body, id).toContain(`id="${id}"`);
      expect(visibleQuestions(body)).toEqual(QUESTIONS);
    });

    it(`lists both helplines and links both unlock sites (${lang})`, async () => {
      const { body } = await page('/help', lang);
      expect(body).toContain('0800-080-117');
      expect(body).toContain('(02) 412-1166');
      expect(body).toContain('href="tel:0800080117"');
      expect(body).toContain('href="https://moica.nat.gov.tw/"');
      expect(body).toContain('href="https://moeaca.nat.gov.tw/"');
      expect(body).toContain('<a href="/envcheck">');
    });

    it(`has a labelled search box in a search landmark, and a status region for the count (${lang})`, async () => {
      const { body } = await page('/help', lang);
      const label = lang === 'en' ? 'Search the help' : '搜尋常見問題';
      expect(body).toContain(`<label for="help-search">${label}</label>`);
      expect(body).toMatch(/<form role="search" method="get" action="\/help"/);
      expect(body).toMatch(/<input id="help-search" name="q" type="search"/);
      expect(body).toMatch(/<p role="status" id="help-search-status"[^>]*><\/p>/);
    });
  }

  it('says 「憑證登入失敗，請插卡再試」 and gives its five steps: browser, physical card, cookies, reopen, PIN', async () => {
    const { body } = await page('/help', 'zh-TW');
    const section = /<section [^>]*data-help-question="card-failed"[\s\S]*?<\/section>/.exec(body)?.[0] ?? '';
    expect(section).toContain('憑證登入失敗，請插卡再試');
    for (const words of ['Chrome 或 Edge', '實體自然人憑證卡片', '清除本網站的 Cookie', '重新開啟瀏覽器', '正確的 PIN 碼']) {
      expect(section, words).toContain(words);
    }
  });

  it('says the electronic verification services take only the physical card', async () => {
    expect((await page('/help', 'zh-TW')).body).toContain('電子查驗服務目前只接受實體自然人憑證');
    expect((await page('/help', 'en')).body).toContain('accept only the physical card');
  });

  it('filters the questions by ?q= without JavaScript, and says how many match', async () => {
    const { body } = await page('/help?q=PIN', 'zh-TW');
    const shown = visibleQuestions(body);
    expect(shown).toContain('locked-card');
    expect(shown).not.toContain('popups');
    expect(body).toContain(`找到 ${shown.length} 個相關問題。`);
    expect(body).toContain('value="PIN"');
    expect(body).toContain('<a href="/help">顯示全部問題</a>');
  });

  it('matches full-width letters and any case, and says so when nothing matches', async () => {
    const full = visibleQuestions((await page('/help?q=%EF%BD%90%EF%BD%89%EF%BD%8E', 'zh-TW')).body); // ｐｉｎ
    expect(full).toContain('locked-card');
    const none = await page('/help?q=zzzz', 'en');
    expect(visibleQuestions(none.body)).toEqual([]);
    expect(none.body).toContain('No question matches.');
  });

  it('escapes the query it shows back', async () => {
    const { body } = await page('/help?q=%22%3E%3Cscript%3E', 'en');
    expect(body).not.toContain('"><script>');
    expect(body).toContain('value="&quot;>&lt;script>"');
  });
});
