/**
 * Browser and device notes for card sign-in (issue 6):
 * - a banner for Internet Explorer and other browsers too old for the page script (no ES2020, fetch or
 *   postMessage). Such a browser cannot run this bundle at all (esbuild targets Chrome 109 and friends), so
 *   the banner is in the page markup and shown by default; site.css hides it in any browser that understands
 *   `@supports selector(:is(a))` (Chrome 88+, Edge 88+, Firefox 82+, Safari 14.1+, never IE). No script is
 *   needed for the banner to appear where it must, and there is no flash of it where it must not. This script
 *   only adds the rare case of a modern engine that lacks an API card sign-in needs.
 * - on phones and tablets (a coarse pointer and no fine one, or a mobile user agent), a note in the card panel
 *   that card sign-in needs a computer with a card reader, pointing to the mobile certificate.
 * It also starts the help page's search. app.ts imports this file for its effect.
 */
import { startHelpSearch } from './help-search';

/** The parts of `window` the checks read; tests pass plain objects. */
export interface BrowserFacts {
  readonly fetch?: unknown;
  readonly postMessage?: unknown;
  readonly Promise?: { allSettled?: unknown };
  readonly globalThis?: unknown;
  readonly String?: { prototype: { matchAll?: unknown } };
  readonly matchMedia?: (query: string) => { matches: boolean };
  readonly navigator?: { userAgent?: string; maxTouchPoints?: number };
}

/** What card sign-in needs that this browser lacks: empty when it is fine. */
export function missingFeatures(win: BrowserFacts): string[] {
  const missing: string[] = [];
  if (typeof win.fetch !== 'function') missing.push('fetch');
  if (typeof win.postMessage !== 'function') missing.push('postMessage');
  // ES2020 library parts; the syntax itself was already parsed if this runs.
  if (typeof win.Promise?.allSettled !== 'function') missing.push('Promise.allSettled');
  if (typeof win.String?.prototype.matchAll !== 'function') missing.push('String.prototype.matchAll');
  if (typeof win.globalThis !== 'object' || win.globalThis === null) missing.push('globalThis');
  return missing;
}

const MOBILE_UA = /Android|iPhone|iPad|iPod|Mobile|Windows Phone|Silk|Kindle/i;

/** A phone or tablet: no card reader is to be expected. */
export function isHandheld(win: BrowserFacts): boolean {
  const media = (q: string) => win.matchMedia?.(q).matches ?? false;
  if (media('(pointer: coarse)') && !media('(any-pointer: fine)')) return true;
  const ua = win.navigator?.userAgent ?? '';
  if (MOBILE_UA.test(ua)) return true;
  // iPadOS reports a desktop Safari user agent; its touch points give it away.
  return /Macintosh/.test(ua) && (win.navigator?.maxTouchPoints ?? 0) > 1;
}

/** Shows the notes that apply: `#browser-banner` (unsupported) and `#card-handheld-note` (phones, tablets). */
export function startBrowserSupport(doc: Document, win: BrowserFacts): void {
  const banner = doc.getElementById('browser-banner');
  if (banner && missingFeatures(win).length > 0) {
    banner.hidden = false;
    banner.classList.add('is-shown');
  }
  const note = doc.getElementById('card-handheld-note');
  if (note && isHandheld(win)) note.hidden = false;
}

if (typeof document !== 'undefined') {
  const start = () => {
    startBrowserSupport(document, window as unknown as BrowserFacts);
    startHelpSearch(document);
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
}
