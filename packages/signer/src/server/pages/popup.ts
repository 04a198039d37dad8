/**
 * GET /popupForm: the page a site opens with window.open (HIPKI.md "Where it listens"). Its script:
 *  1. posts `{"func":"getTbs"}` to window.opener with targetOrigin "*". It cannot name the opener's origin yet
 *     (nothing tells it), and it need not: the message carries no data, so whoever receives it learns only that
 *     a component is running — which any page that opens the popup learns anyway.
 *  2. takes the first message whose source is the opener, and reads the caller's origin from event.origin, which
 *     the browser sets (never from the package).
 *  3. hands the package and that origin to the component (POST /popupCall, same origin, with this page's one-time
 *     key): the component checks that the origin is trusted, and signs or lists.
 *  4. on a card's final PIN try, shows a confirm button before the PIN is spent.
 *  5. posts the JSON answer, as a string, to event.source with targetOrigin = event.origin — exactly the origin
 *     that asked, never "*" — and closes.
 */
import { renderPage, scriptJson, type Page } from './html';

export function popupPage(options: { nonce: string; popupKey: string; software: boolean }): Page {
  const { nonce, popupKey, software } = options;
  const body = `
<h1>簽章元件 <span class="en">Signing component</span></h1>
${software ? '<p class="warn">軟體憑證（不是卡片）<span class="en"> · Software token (not a card)</span></p>' : ''}
<p id="status" role="status">等待網站的要求… <span class="en">Waiting for the website…</span></p>
<p id="caller" hidden>網站 <span class="en">Website</span>: <span class="origin" id="caller-origin"></span></p>
<div id="final" hidden>
  <p class="warn">這是卡片最後一次 PIN 嘗試機會；若 PIN 錯誤，卡片將被鎖住。確定要繼續嗎？<br>
  <span class="en">This is the card's last PIN try: if the PIN is wrong, the card locks. Continue?</span></p>
  <button type="button" id="confirm">繼續 <span class="en">Continue</span></button>
  <button type="button" id="cancel">取消 <span class="en">Cancel</span></button>
</div>`;
  const script = `
'use strict';
const popupKey = ${scriptJson(popupKey)};
const statusEl = document.getElementById('status');
let handled = false;
function say(zh, en) { statusEl.textContent = zh + ' · ' + en; }
async function call(origin, pkg, decision) {
  const response = await fetch('/popupCall', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ popupKey, origin, tbsPackage: pkg, decision }),
  });
  if (!response.ok) throw new Error('component refused: ' + response.status);
  return response.json();
}
function askFinalTry() {
  return new Promise((resolve) => {
    document.getElementById('final').hidden = false;
    document.getElementById('confirm').addEventListener('click', () => resolve(true), { once: true });
    document.getElementById('cancel').addEventListener('click', () => resolve(false), { once: true });
  });
}
window.addEventListener('message', async (event) => {
  if (handled || !window.opener || event.source !== window.opener) return;
  handled = true;
  const origin = event.origin;
  // An opaque ("null") origin cannot be answered to one exact origin: say nothing.
  if (!/^https?:\\/\\//.test(origin)) { window.close(); return; }
  document.getElementById('caller').hidden = false;
  document.getElementById('caller-origin').textContent = origin;
  say('處理中…', 'Working…');
  const pkg = typeof event.data === 'string' ? event.data : JSON.stringify(event.data);
  let result;
  try {
    result = await call(origin, pkg, 'ask');
    if (result.confirmFinalTry) {
      const yes = await askFinalTry();
      document.getElementById('final').hidden = true;
      result = await call(origin, pkg, yes ? 'confirmed' : 'cancelled');
    }
  } catch (err) {
    result = { answer: { func: 'sign', ret_code: ${0x7600000d}, last_error: 0 } };
  }
  event.source.postMessage(JSON.stringify(result.answer), origin);
  say('完成，視窗即將關閉。', 'Done; this window closes.');
  window.close();
});
if (window.opener) {
  window.opener.postMessage(JSON.stringify({ func: 'getTbs' }), '*');
} else {
  say('請由網站開啟此視窗。', 'Open this window from a website.');
}
setTimeout(() => { if (!handled) window.close(); }, 120000);
`;
  // The body is a fixed template: the caller's origin is only ever set with textContent.
  return renderPage({ title: '簽章元件 Signing component', body, nonce, script });
}
