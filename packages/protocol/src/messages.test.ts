import { describe, expect, it } from 'vitest';
import { LANGS } from './lang';
import { MESSAGE_KEYS, t } from './messages';

describe('message catalogue', () => {
  it('has a non-empty text in every language for every key', () => {
    for (const key of MESSAGE_KEYS) {
      for (const lang of LANGS) expect(t(lang, key).trim(), `${key} in ${lang}`).not.toBe('');
    }
  });

  it('uses the same placeholders in both languages, so no value goes missing in one of them', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of MESSAGE_KEYS) {
      expect(placeholders(t('en', key)), key).toEqual(placeholders(t('zh-TW', key)));
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(t('zh-TW', 'ERR_RATE_LIMITED', { seconds: 30 })).toContain('30 秒');
    expect(t('en', 'ERR_RATE_LIMITED')).toContain('{seconds}');
  });

  it('keeps the terms of the e-Government login page', () => {
    expect(t('zh-TW', 'login.account.name')).toBe('帳號');
    expect(t('zh-TW', 'login.account.password')).toBe('密碼');
    expect(t('zh-TW', 'login.account.submit')).toBe('登入');
    expect(t('zh-TW', 'login.account.forgotPassword')).toBe('忘記密碼');
    expect(t('zh-TW', 'login.account.forgotAccount')).toBe('忘記帳號');
    expect(t('zh-TW', 'login.account.register')).toBe('加入會員');
  });
});
