/** A browser for HTTP tests: keeps the session cookie and the latest form token, as a person's browser would. */
import { csrfFrom, setCookie, type TestApp } from './platform';

export function browser(t: TestApp, lang?: string) {
  let cookies: Record<string, string> = {};
  let token = '';
  const langHeader: Record<string, string> = lang ? { 'accept-language': lang } : {};

  function remember<R extends { headers: Record<string, unknown>; body: string }>(res: R): R {
    const sid = setCookie(res.headers, 'menhu_sid');
    if (sid) cookies = sid.attributes.includes('1970') ? {} : { menhu_sid: sid.value };
    if (String(res.headers['content-type'] ?? '').startsWith('text/html')) {
      try {
        token = csrfFrom(res.body);
      } catch {
        /* a page without forms */
      }
    }
    return res;
  }

  return {
    get: async (url: string) => remember(await t.app.inject({ method: 'GET', url, cookies, headers: langHeader })),
    post: async (url: string, payload: Record<string, string>) =>
      remember(await t.app.inject({ method: 'POST', url, cookies, headers: langHeader, payload: { _csrf: token, ...payload } })),
    /** A page script's JSON request, with the page's form token in the header. */
    json: async (url: string, body?: Record<string, string>) =>
      remember(
        await t.app.inject({
          method: 'POST',
          url,
          cookies,
          headers: { 'x-csrf-token': token, accept: 'application/json', ...langHeader },
          ...(body ? { payload: body } : {}),
        }),
      ),
    cookies: () => cookies,
  };
}
