/** 我的帳戶's "上次登入": a password and the TOTP code that completed it are one sign-in, not two. */
import { describe, expect, it } from 'vitest';
import { completedSignIns } from '../../src/routes/account';

const MINUTE = 60_000;

describe('completed sign-ins from the audit trail', () => {
  it('joins a password with the TOTP code that followed it, and keeps other sign-ins apart', () => {
    const t0 = Date.parse('2026-11-28T02:00:00Z');
    const events = [
      { event: 'login.totp', at: t0 + 61 * MINUTE }, // this sign-in: password, then the code
      { event: 'login.password', at: t0 + 60 * MINUTE },
      { event: 'login.card', at: t0 + 30 * MINUTE }, // the one before
      { event: 'login.password', at: t0 + 10 * MINUTE }, // a password sign-in without TOTP
      { event: 'login.totp', at: t0 + 9 * MINUTE }, // a code long after its password: two sign-ins
      { event: 'login.password', at: t0 },
    ];
    expect(completedSignIns(events).map((e) => e.at - t0)).toEqual([61, 30, 10, 9, 0].map((m) => m * MINUTE));
  });
});
