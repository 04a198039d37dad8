/**
 * /addDomain: the person at this computer adds a site to the trusted list. The GET shows the origin in punycode
 * (so a look-alike Unicode name shows as xn--…) with a confirm button; the page cannot be framed, and the
 * button wakes only after a second so a double-click aimed at another window cannot press it. The POST is
 * accepted only from the component's own origin with the one-time key this page carried: a web page can link
 * here, but cannot add itself.
 */
import { escapeHtml, renderPage, type Page } from './html';

export function addDomainPage(options: { nonce: string; origin: string; display: string; key: string; alreadyTrusted: boolean }): Page {
  const { nonce, origin, display, key, alreadyTrusted } = options;
  const body = alreadyTrusted
    ? `<h1>已信任的網站 <span class="en">Trusted site</span></h1>
<p><span class="origin">${escapeHtml(display)}</span></p>
<p>此網站已在信任清單中。<span class="en">This site is already trusted.</span></p>`
    : `<h1>加入信任網站 <span class="en">Trust a website</span></h1>
<p>下列網站要求使用您的自然人憑證卡片簽章。只有在您確定這是您要登入的政府網站時才加入。<br>
<span class="en">This website asks to use your citizen certificate card for signing. Add it only if you are sure it is
the government site you meant to sign in to.</span></p>
<p><span class="origin" id="origin">${escapeHtml(display)}</span></p>
<form method="post" action="/addDomain">
<input type="hidden" name="origin" value="${escapeHtml(origin)}">
<input type="hidden" name="key" value="${escapeHtml(key)}">
<button type="submit" id="add" disabled>加入信任 <span class="en">Trust this site</span></button>
</form>
<p>若不確定，請直接關閉此頁。<span class="en">If unsure, just close this page.</span></p>`;
  const script = alreadyTrusted ? undefined : `setTimeout(() => { document.getElementById('add').disabled = false; }, 1000);`;
  return renderPage({ title: '加入信任網站 Trust a website', body, nonce, ...(script ? { script } : {}) });
}

export function addDomainDonePage(options: { nonce: string; display: string }): Page {
  return renderPage({
    title: '已加入 Added',
    nonce: options.nonce,
    body: `<h1>已加入信任網站 <span class="en">Site trusted</span></h1>
<p><span class="origin">${escapeHtml(options.display)}</span></p>
<p>請回到網站重新操作。<span class="en">Go back to the website and try again.</span></p>`,
  });
}

export function messagePage(options: { nonce: string; zh: string; en: string }): Page {
  return renderPage({
    title: `${options.zh} ${options.en}`,
    nonce: options.nonce,
    body: `<h1>${escapeHtml(options.zh)} <span class="en">${escapeHtml(options.en)}</span></h1>`,
  });
}
