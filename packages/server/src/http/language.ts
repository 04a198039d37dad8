/**
 * Chooses the reader's language (DESIGN.md "Pages"): the explicit choice kept in a cookie, set by the visible
 * switch or `?lang=`, else Accept-Language, else Traditional Chinese.
 */
import type { FastifyInstance } from 'fastify';
import { DEFAULT_LANG, isLang, langFromTag, negotiateLang } from '@menhu/protocol';

export const LANG_COOKIE = 'lang';
const ONE_YEAR_SECONDS = 365 * 24 * 3600;

export function registerLanguage(app: FastifyInstance, secureCookies: boolean): void {
  app.decorateRequest('lang', DEFAULT_LANG);
  app.addHook('onRequest', async (request, reply) => {
    const chosen = request.cookies[LANG_COOKIE];
    request.lang = (isLang(chosen) ? chosen : undefined) ?? negotiateLang(request.headers['accept-language']) ?? DEFAULT_LANG;

    // `?lang=en` (or zh-TW, zh, en-US…) on a page: remember the choice and show the same address without it.
    const query = request.query as Record<string, unknown> | undefined;
    const asked = typeof query?.lang === 'string' ? langFromTag(query.lang) : undefined;
    if (asked && request.method === 'GET') {
      reply.setCookie(LANG_COOKIE, asked, {
        path: '/',
        sameSite: 'lax',
        httpOnly: true,
        secure: secureCookies,
        maxAge: ONE_YEAR_SECONDS,
      });
      const url = new URL(request.url, 'http://localhost');
      url.searchParams.delete('lang');
      return reply.redirect(url.pathname + url.search, 303);
    }
  });
}

/** The address of the current page with the language switched (a plain link: works without JavaScript). */
export function switchLangHref(url: string, lang: string): string {
  const u = new URL(url, 'http://localhost');
  u.searchParams.set('lang', lang);
  return u.pathname + u.search;
}
