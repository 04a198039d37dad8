/**
 * The component's own pages: escaped text, Traditional Chinese first with English beside it, and headers that
 * keep them out of frames (clickjacking) and allow only the page's own nonce-tagged script and style.
 */
import { randomBytes } from 'node:crypto';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A value for an inline script: JSON with "<" escaped, so no "</script>" can end the element early. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export interface Page {
  readonly headers: Record<string, string>;
  readonly body: string;
}

export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

/** `body` is already-escaped HTML; `script` runs with the page's nonce. */
export function renderPage(options: { title: string; body: string; nonce: string; script?: string }): Page {
  const { title, body, nonce, script } = options;
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}'`,
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
  return {
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': csp,
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
      // Not no-referrer: with it, browsers send "Origin: null" on the page's own POSTs (Fetch §3.1), which the
      // own-origin checks of /popupCall and /addDomain would then refuse.
      'referrer-policy': 'same-origin',
      'cache-control': 'no-store',
    },
    body: `<!doctype html>
<html lang="zh-Hant-TW">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style nonce="${nonce}">
body{font-family:system-ui,sans-serif;margin:1.5rem;max-width:46rem;line-height:1.5;color:#1a1a1a}
.en{color:#444}
.origin{font-family:monospace;font-size:1.2rem;background:#fff3cd;padding:.3rem .5rem;border:1px solid #c9a227;word-break:break-all}
.warn{background:#fdecea;border:1px solid #d93025;padding:.5rem}
button{font-size:1rem;padding:.4rem 1rem;margin-right:.5rem}
table{border-collapse:collapse}td,th{border:1px solid #999;padding:.2rem .4rem;text-align:left;vertical-align:top}
[hidden]{display:none}
</style>
</head>
<body>
<main>
${body}
</main>
${script ? `<script nonce="${nonce}">\n${script}\n</script>` : ''}
</body>
</html>
`,
  };
}
