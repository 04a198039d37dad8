import { describe, expect, it } from 'vitest';
import { checkAccountName, checkPassword, normaliseAccountName, normalisePassword } from './account-rules';

const policy = { minLength: 8, isCommon: (p: string) => ['password1', 'qwertyuiop'].includes(p) };

describe('account names', () => {
  it('are one name whatever the width or case they are typed in', () => {
    expect(normaliseAccountName('  ＣＨＥＮ.Mei ')).toBe('chen.mei');
  });

  it('take 4 to 30 letters, digits, dots, underscores and hyphens, starting with a letter or digit', () => {
    expect(checkAccountName('chen.mei')).toBeUndefined();
    expect(checkAccountName('a_1-2')).toBeUndefined();
    expect(checkAccountName('abc')).toBe('ERR_ACCOUNT_NAME_LENGTH');
    expect(checkAccountName('a'.repeat(31))).toBe('ERR_ACCOUNT_NAME_LENGTH');
    expect(checkAccountName('.chen')).toBe('ERR_ACCOUNT_NAME_CHARS');
    expect(checkAccountName('chen mei')).toBe('ERR_ACCOUNT_NAME_CHARS');
    expect(checkAccountName('陳美玲的帳')).toBe('ERR_ACCOUNT_NAME_CHARS');
  });
});

describe('passwords (NIST SP 800-63B rev. 3 §5.1.1.2)', () => {
  it('need the configured minimum length, counted in characters after NFKC, with no composition rules', () => {
    expect(checkPassword('abcdefg', 'user', policy)).toBe('ERR_PASSWORD_TOO_SHORT');
    expect(checkPassword('abcdefgh', 'user', policy)).toBeUndefined();
    expect(checkPassword('我的密碼很長很長', 'user', policy)).toBeUndefined();
    expect(checkPassword('abcdefghij', 'user', { ...policy, minLength: 12 })).toBe('ERR_PASSWORD_TOO_SHORT');
  });

  it('accept at least 64 characters and refuse more than 128', () => {
    expect(checkPassword('x'.repeat(64) + 'yz', 'user', policy)).toBeUndefined();
    expect(checkPassword('x'.repeat(129), 'user', policy)).toBe('ERR_PASSWORD_TOO_LONG');
  });

  it('refuse a password on the common list, whatever its width or case', () => {
    expect(checkPassword('Password1', 'user', policy)).toBe('ERR_PASSWORD_COMMON');
    expect(checkPassword('ＱＷＥＲＴＹＵＩＯＰ', 'user', policy)).toBe('ERR_PASSWORD_COMMON');
  });

  it('refuse a password that contains the account name', () => {
    expect(checkPassword('my-Chen.Mei-2026', 'chen.mei', policy)).toBe('ERR_PASSWORD_CONTAINS_ACCOUNT');
  });

  it('are normalised with NFKC, so full-width and half-width forms are the same password', () => {
    expect(normalisePassword('ｐａｓｓ　１２３')).toBe('pass 123');
    expect(normalisePassword('ﬁle')).toBe('file');
  });
});
