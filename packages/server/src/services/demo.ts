/**
 * Demo data for a new installation (two announcements and an active demo account) (DEMO_DATA, on by default outside production): added once, recorded in
 * menhu_meta, so an operator who removes it does not see it come back.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema';
import { setMetaOnce } from '../store/meta';
import type { Announcements } from './announcements';
import type { Clock } from './clock';
import type { Accounts } from './accounts';

/** The demo account (README): active at once, with a made-up ID number that passes the checksum. */
export const DEMO_ACCOUNT = {
  accountName: 'citizen.demo',
  password: 'Taipei 101 at sunrise',
  displayName: '王小明',
  idNumber: 'A123456789',
  email: 'citizen.demo@example.invalid',
} as const;

const DAY = 24 * 3600 * 1000;

export async function addDemoDataOnce(
  db: Kysely<Database>,
  announcements: Announcements,
  accounts: Accounts,
  clock: Clock,
): Promise<boolean> {
  if (!(await setMetaOnce(db, 'demo_data_added', new Date(clock.now()).toISOString()))) return false;
  const now = clock.now();
  await announcements.add({
    title: '歡迎試用門戶示範站',
    body:
      '這是一個示範用的門戶平臺，所有資料只存在這台電腦上，僅供測試與開發使用，請勿輸入真實的個人資料。示範帳號為 citizen.demo。',
    publishAt: new Date(now - 2 * DAY),
  });
  await announcements.add({
    title: '系統維護預告：示範站將於週日凌晨重新啟動',
    body:
      '為更新元件，示範站預計於本週日上午2點至上午3點之間重新啟動，期間可能短暫無法登入。造成不便，敬請見諒。',
    publishAt: new Date(now - DAY),
    expiresAt: new Date(now + 30 * DAY),
  });
  await accounts.createActivated(DEMO_ACCOUNT);
  return true;
}
