/**
 * Dates in the Republic of China (民國) calendar, as Taiwan's government writes them.
 *
 * ROC year = Gregorian year − 1911 (民國元年 is 1912). Years before 1912 are written 民國前N年, where
 * 民國前1年 is 1911. Government pages show the date in Taiwan's time zone (Asia/Taipei, UTC+8, no daylight
 * saving), whatever the server's own zone is.
 */
import type { Lang } from './lang';

export const TAIWAN_TIME_ZONE = 'Asia/Taipei';

export interface RocDate {
  /** ROC year: 1 is 1912; 0 or less are years before the Republic (0 is 民國前1年). */
  readonly rocYear: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
}

const partsFormatter = new Intl.DateTimeFormat('en-US', {
  timeZone: TAIWAN_TIME_ZONE,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  hourCycle: 'h23',
  era: 'short',
});

/** The calendar date (and time of day) of an instant in Taiwan, with the year counted in the ROC era. */
export function toRocDate(instant: Date): RocDate {
  if (Number.isNaN(instant.getTime())) throw new TypeError('toRocDate: invalid date');
  const parts = Object.fromEntries(partsFormatter.formatToParts(instant).map((p) => [p.type, p.value]));
  const era = parts.era ?? 'AD';
  const year = Number(parts.year);
  const gregorian = era === 'BC' ? 1 - year : year;
  return {
    rocYear: gregorian - 1911,
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
  };
}

/** 民國115年11月28日; before 1912, 民國前1年… */
export function rocYearLabel(rocYear: number): string {
  return rocYear >= 1 ? `民國${rocYear}年` : `民國前${1 - rocYear}年`;
}

const englishFormatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: TAIWAN_TIME_ZONE,
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/**
 * The date as a citizen reads it: 「民國115年11月28日」 in Chinese; in English the Gregorian date followed by
 * the ROC year, 「28 November 2026 (ROC 115)」, so documents that quote the ROC year still match.
 */
export function formatRocDate(instant: Date, lang: Lang): string {
  const d = toRocDate(instant);
  if (lang === 'zh-TW') return `${rocYearLabel(d.rocYear)}${d.month}月${d.day}日`;
  const roc = d.rocYear >= 1 ? `ROC ${d.rocYear}` : `${1 - d.rocYear} before ROC`;
  return `${englishFormatter.format(instant)} (${roc})`;
}

/** 「民國115年11月28日 14:05」 / 「28 November 2026 (ROC 115), 14:05」, Taiwan time. */
export function formatRocDateTime(instant: Date, lang: Lang): string {
  const d = toRocDate(instant);
  const time = `${String(d.hour).padStart(2, '0')}:${String(d.minute).padStart(2, '0')}`;
  return lang === 'zh-TW' ? `${formatRocDate(instant, lang)} ${time}` : `${formatRocDate(instant, lang)}, ${time}`;
}
