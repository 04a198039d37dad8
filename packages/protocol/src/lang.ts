/** The languages every page and message exists in. Traditional Chinese first; English second. */
export const LANGS = ['zh-TW', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'zh-TW';

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

/**
 * Maps a language tag to one we serve: any Chinese tag (zh, zh-TW, zh-Hant, zh-HK…) reads Traditional
 * Chinese — the platform has no Simplified text, and Traditional is closer for every Chinese reader than
 * English —, any English tag reads English, anything else is undecided.
 */
export function langFromTag(tag: string): Lang | undefined {
  const primary = tag.trim().toLowerCase().split('-')[0];
  if (primary === 'zh') return 'zh-TW';
  if (primary === 'en') return 'en';
  return undefined;
}

/**
 * Picks a language from an Accept-Language header (RFC 9110 §12.5.4): the served language with the highest
 * q-value, earlier entries winning ties; q=0 means "not acceptable". Undecided when nothing matches.
 */
export function negotiateLang(acceptLanguage: string | undefined): Lang | undefined {
  if (!acceptLanguage) return undefined;
  let best: { lang: Lang; q: number } | undefined;
  for (const entry of acceptLanguage.slice(0, 512).split(',')) {
    const [tag = '', ...params] = entry.split(';');
    const lang = langFromTag(tag);
    if (!lang) continue;
    let q = 1;
    for (const p of params) {
      const [k, v] = p.split('=').map((s) => s.trim());
      if (k === 'q' && v !== undefined) q = Number(v);
    }
    if (!Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q) best = { lang, q };
  }
  return best?.lang;
}
