import { describe, expect, it } from 'vitest';
import { formatRocDate, formatRocDateTime, rocYearLabel, toRocDate } from './roc-date';

describe('ROC dates', () => {
  it('counts 1912 as 民國元年 and 2026 as 民國115年', () => {
    expect(formatRocDate(new Date('1912-06-01T04:00:00Z'), 'zh-TW')).toBe('民國1年6月1日');
    expect(formatRocDate(new Date('2026-11-28T04:00:00Z'), 'zh-TW')).toBe('民國115年11月28日');
  });

  it('writes years before the Republic as 民國前N年', () => {
    expect(formatRocDate(new Date('1911-10-10T04:00:00Z'), 'zh-TW')).toBe('民國前1年10月10日');
    expect(rocYearLabel(-10)).toBe('民國前11年');
  });

  it('uses Taiwan time, whatever the server zone: 16:30 UTC on 31 Dec is already New Year in Taipei', () => {
    const instant = new Date('2025-12-31T16:30:00Z');
    expect(toRocDate(instant)).toMatchObject({ rocYear: 115, month: 1, day: 1, hour: 0, minute: 30 });
    expect(formatRocDate(instant, 'zh-TW')).toBe('民國115年1月1日');
  });

  it('gives the Gregorian date with the ROC year in English', () => {
    expect(formatRocDate(new Date('2023-02-20T10:00:00Z'), 'en')).toBe('20 February 2023 (ROC 112)');
  });

  it('adds the time of day in Taiwan', () => {
    const instant = new Date('2023-02-20T10:05:00Z');
    expect(formatRocDateTime(instant, 'zh-TW')).toBe('民國112年2月20日 18:05');
    expect(formatRocDateTime(instant, 'en')).toBe('20 February 2023 (ROC 112), 18:05');
  });

  it('refuses an invalid date instead of printing NaN', () => {
    expect(() => formatRocDate(new Date('nonsense'), 'zh-TW')).toThrow(TypeError);
  });
});
