import { describe, expect, it } from 'vitest';
import { LANGS } from './lang';
import { isMessageKey, t } from './messages';
import {
  CARD_PROBLEMS,
  COMPONENT_LAST_ERROR,
  COMPONENT_RET,
  componentProblem,
  hexCode,
  pageProblem,
  verificationRemedy,
  type CardProblem,
  type CardProblemId,
} from './component-codes';

/** Every combination of HIPKI.md's codes tables, with the problem the citizen must be told about. */
const TABLE: readonly [ret: number, last: number, id: CardProblemId][] = [
  [0x76000006, 0, 'noCard'],
  [0x76100003, 0, 'noReader'],
  [0x76100006, 0xa0, 'wrongPin'],
  [0x76100006, 0xa2, 'pinLength'],
  [0x76100006, 0xa4, 'locked'],
  [0x76100006, 0x80000002, 'wrongPinTwoLeft'],
  [0x76100006, 0x80000001, 'wrongPinOneLeft'],
  [0x7600000f, 0, 'domainNotAllowed'],
  [0x76000031, 0, 'siteNotTrusted'],
  [0x76000998, 0, 'noPin'],
  [0x76000999, 0, 'cancelled'],
  [0x7600000d, 0, 'componentError'],
  [0x7600000d, 429, 'rateLimited'],
  [0x76500002, 0, 'certExpired'],
  [0x83000101, 0, 'wrongServiceMoica'],
  [0x83000102, 0, 'wrongServiceMoeaca'],
];

function texts(p: CardProblem): string[] {
  return LANGS.flatMap((lang) => [t(lang, p.title, p.params), t(lang, p.remedy, p.params)]);
}

describe('componentProblem', () => {
  for (const [ret, last, id] of TABLE) {
    it(`tells ${hexCode(ret)} / ${hexCode(last)} as ${id}, with a title and a remedy in both languages`, () => {
      const p = componentProblem(ret, last);
      expect(p.id).toBe(id);
      for (const key of [p.title, p.remedy]) expect(isMessageKey(key), key).toBe(true);
      for (const text of texts(p)) {
        expect(text.trim()).not.toBe('');
        expect(text).not.toMatch(/\{\w+\}/);
      }
      expect(p.help).toMatch(/^\/help#[a-z-]+$/);
    });
  }

  it('reads signed 32-bit codes as their unsigned values', () => {
    for (const [ret, last, id] of TABLE) expect(componentProblem(ret | 0, last | 0).id, hexCode(ret)).toBe(id);
    expect(componentProblem(0x76100006, -2147483646).id).toBe('wrongPinTwoLeft');
    expect(componentProblem(0x76100006, -2147483647).id).toBe('wrongPinOneLeft');
    expect(componentProblem(-2097151743, 0).id).toBe('wrongServiceMoica'); // 0x83000101 as int32
  });

  it('says 「憑證登入失敗，請插卡再試」 when no card is inserted, and links the card-failed steps', () => {
    const p = componentProblem(COMPONENT_RET.NO_CARD, COMPONENT_LAST_ERROR.NONE);
    expect(t('zh-TW', p.title)).toBe('憑證登入失敗，請插卡再試');
    expect(p.help).toBe('/help#card-failed');
  });

  it('tells where to unlock a locked card: the MOICA and the MOEACA sites', () => {
    const p = componentProblem(COMPONENT_RET.CARD_LOGIN_FAILED, COMPONENT_LAST_ERROR.CARD_LOCKED);
    for (const lang of LANGS) {
      expect(t(lang, p.remedy)).toContain('moica.nat.gov.tw');
      expect(t(lang, p.remedy)).toContain('moeaca.nat.gov.tw');
    }
    expect(p.help).toBe('/help#locked-card');
  });

  it('counts the tries left after a wrong PIN', () => {
    expect(t('zh-TW', componentProblem(0x76100006, 0x80000002).title)).toContain('2 次');
    expect(t('en', componentProblem(0x76100006, 0x80000001).title)).toContain('1 try left');
  });

  it('asks to wait a minute when the component limits its popups', () => {
    const p = componentProblem(COMPONENT_RET.COMPONENT_ERROR, COMPONENT_LAST_ERROR.RATE_LIMITED);
    expect(t('en', p.remedy)).toContain('one minute');
    expect(t('zh-TW', p.remedy)).toContain('1 分鐘');
  });

  it('shows an unknown code in hex, in both languages', () => {
    const p = componentProblem(0x76000123, -1);
    expect(p.id).toBe('unknown');
    for (const text of texts(p)) expect(text).toContain('0x76000123 / 0xFFFFFFFF');
  });

  it('shows the codes of a card-login failure with a last_error it does not know', () => {
    const p = componentProblem(0x76100006, 0xb3);
    expect(p.id).toBe('cardLoginFailed');
    expect(t('zh-TW', p.title, p.params)).toContain('0x76100006 / 0x000000B3');
  });

  it('refuses success and non-integers: they are a caller’s mistake, not a problem to show', () => {
    expect(() => componentProblem(0, 0)).toThrow(TypeError);
    expect(() => componentProblem(Number.NaN, 0)).toThrow(TypeError);
    expect(() => componentProblem(0x76000006, 1.5)).toThrow(TypeError);
  });
});

describe('the page’s own failures and the list of problems', () => {
  it('has a message for a component that does not answer and for a blocked popup', () => {
    expect(pageProblem('notRunning').help).toBe('/help#install-component');
    expect(t('zh-TW', pageProblem('notRunning').remedy)).toContain('HiCOS');
    expect(t('en', pageProblem('notRunning').remedy)).toContain('menhu-signer');
    expect(pageProblem('popupBlocked').help).toBe('/help#popups');
  });

  it('has a title and a remedy in both languages for every problem', () => {
    for (const id of CARD_PROBLEMS) {
      for (const prefix of ['card.problem.', 'card.remedy.']) expect(isMessageKey(prefix + id), prefix + id).toBe(true);
    }
  });
});

describe('verificationRemedy', () => {
  for (const code of ['ERR_PKI_REVOKED', 'ERR_PKI_CERT_EXPIRED', 'ERR_PKI_UNTRUSTED_ISSUER', 'ERR_PKI_REVOCATION_UNAVAILABLE', 'ERR_PKI_ORIGIN_MISMATCH']) {
    it(`gives ${code} its own message and its own remedy`, () => {
      const r = verificationRemedy(code);
      expect(r.message).toBe(code);
      expect(r.remedy).toBe(`card.remedy.${code}`);
      for (const lang of LANGS) expect(t(lang, r.remedy).trim()).not.toBe('');
    });
  }

  it('falls back to a generic remedy, and never to an unknown key, for a code it does not know', () => {
    expect(verificationRemedy('ERR_PKI_SOMETHING_NEW')).toEqual({
      message: 'ERR_INTERNAL',
      remedy: 'card.remedy.verificationFailed',
      help: '/help#card-failed',
    });
  });
});
