/**
 * /selfTest.htm: what a citizen (or a help desk on the phone) looks at to see whether the component works:
 * its version, the readers, the card in each and its certificates, and the trusted sites. No PIN is asked.
 */
import type { InfoAnswer } from '../answers';
import { escapeHtml, renderPage, type Page } from './html';

export function selfTestPage(options: { nonce: string; info: InfoAnswer; trusted: readonly string[]; software: boolean }): Page {
  const { nonce, info, trusted, software } = options;
  const hex = (n: number) => '0x' + n.toString(16).toUpperCase();
  const rows: string[] = [];
  let verdict: string;
  if (info.ret_code !== 0) {
    verdict = `<p class="warn">元件錯誤 <span class="en">Component error</span>: ret_code ${hex(info.ret_code)}, last_error ${hex(info.last_error)}</p>`;
  } else if (info.slots.length === 0) {
    verdict = '<p class="warn">找不到讀卡機 <span class="en">No card reader found</span></p>';
  } else if (!info.slots.some((s) => s.token)) {
    verdict = '<p class="warn">讀卡機中沒有卡片 <span class="en">No card in the reader</span></p>';
  } else {
    verdict = '<p>✓ 元件運作正常，已讀到卡片。<span class="en">The component works and can read the card.</span></p>';
  }
  for (const slot of info.slots) {
    rows.push(`<h2>讀卡機 <span class="en">Reader</span>: ${escapeHtml(slot.slotDescription)}</h2>`);
    if (!slot.token) {
      rows.push('<p>沒有卡片 <span class="en">No card</span></p>');
      continue;
    }
    rows.push(`<p>卡片 <span class="en">Card</span>: ${escapeHtml(slot.token.label)} · 卡號 <span class="en">serial</span> ${escapeHtml(slot.token.serialNumber)}</p>`);
    const certs = slot.token.certs ?? [];
    if (certs.length === 0) {
      rows.push('<p>卡片上沒有憑證 <span class="en">No certificate on the card</span></p>');
      continue;
    }
    rows.push('<table><tr><th>主體 <span class="en">Subject</span></th><th>簽發者 <span class="en">Issuer</span></th><th>用途 <span class="en">Usage</span></th><th>有效期間 <span class="en">Valid</span></th><th>序號 <span class="en">Serial</span></th></tr>');
    for (const c of certs) {
      rows.push(
        `<tr><td>${escapeHtml(c.subjectDN)}</td><td>${escapeHtml(c.issuerDN)}</td><td>${escapeHtml(c.usage)}</td><td>${escapeHtml(c.notBeforeT)} – ${escapeHtml(c.notAfterT)}</td><td>${escapeHtml(c.sn)}</td></tr>`,
      );
    }
    rows.push('</table>');
  }
  const trustedList = trusted.length
    ? `<ul>${trusted.map((o) => `<li>${escapeHtml(o)}</li>`).join('')}</ul>`
    : '<p>尚無 <span class="en">None yet</span></p>';
  return renderPage({
    title: '元件自我檢測 Component self-test',
    nonce,
    body: `<h1>元件自我檢測 <span class="en">Component self-test</span></h1>
<p>版本 <span class="en">Version</span>: ${escapeHtml(info.serverVersion)}</p>
${software ? '<p class="warn">這是軟體憑證，不是卡片（僅供展示與測試）。<span class="en">This is a software token, not a card (demo and tests only).</span></p>' : ''}
${verdict}
${rows.join('\n')}
<h2>信任的網站 <span class="en">Trusted websites</span></h2>
${trustedList}
<p>本頁不會要求您輸入 PIN。<span class="en">This page never asks for your PIN.</span></p>`,
  });
}
