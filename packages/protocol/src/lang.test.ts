import { describe, expect, it } from 'vitest';
import { negotiateLang } from './lang';

describe('Accept-Language negotiation', () => {
  it('reads any Chinese tag as Traditional Chinese', () => {
    expect(negotiateLang('zh-TW,zh;q=0.9')).toBe('zh-TW');
    expect(negotiateLang('zh-CN')).toBe('zh-TW');
    expect(negotiateLang('zh-Hant-HK')).toBe('zh-TW');
  });

  it('reads English tags as English', () => {
    expect(negotiateLang('en-US,en;q=0.9')).toBe('en');
  });

  it('takes the highest q-value among the languages served', () => {
    expect(negotiateLang('fr;q=1, en;q=0.5, zh-TW;q=0.8')).toBe('zh-TW');
    expect(negotiateLang('zh-TW;q=0.3, en;q=0.7')).toBe('en');
  });

  it('ignores languages marked not acceptable (q=0)', () => {
    expect(negotiateLang('zh-TW;q=0, en')).toBe('en');
  });

  it('is undecided when nothing matches or the header is absent', () => {
    expect(negotiateLang('fr, de;q=0.5')).toBeUndefined();
    expect(negotiateLang(undefined)).toBeUndefined();
    expect(negotiateLang('')).toBeUndefined();
  });
});
