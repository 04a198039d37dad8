/**
 * Messages of account recovery (忘記帳號, 忘記密碼): looking up the account names with the citizen certificate
 * card, and the pages that lead to the ways of recovery this server offers. Merged into the catalogue in
 * messages.ts.
 */
import type { Lang } from './lang';

type Entry = Readonly<Record<Lang, string>>;

export const recoveryMessages = {
  // 以自然人憑證查詢帳號
  'recovery.accountTitle': { 'zh-TW': '以自然人憑證查詢帳號', en: 'Find your account name with the card' },
  'recovery.accountIntro': {
    'zh-TW': '輸入您的身分證統一編號，再用您本人的自然人憑證確認身分，就會列出您名下的帳號。',
    en: 'Type your national ID number, then confirm who you are with your own citizen certificate card to see the account names you hold.',
  },
  'recovery.idNumberHint': {
    'zh-TW': '請輸入完整的 10 碼（例：A123456789），須與憑證持有人相同。',
    en: 'All ten characters (e.g. A123456789), the same person as the card’s holder.',
  },
  'recovery.resultTitle': { 'zh-TW': '您的帳號', en: 'Your account names' },
  'recovery.resultIntro': {
    'zh-TW': '以下是您名下的帳號。為保護您的資料，這個頁面只顯示一次，請記下後再離開。',
    en: 'These are the account names you hold. To protect your data this page is shown only once: note them before you leave.',
  },
  'recovery.signIn': { 'zh-TW': '前往登入', en: 'Go to sign-in' },
  'recovery.resetPassword': { 'zh-TW': '忘記密碼？以自然人憑證重設密碼', en: 'Forgot the password too? Reset it with the card' },
  ERR_CARD_NO_ACCOUNT: {
    'zh-TW': '找不到這張憑證持有人名下的帳號，請確認身分證統一編號是否輸入正確。',
    en: 'No account of this card’s holder was found. Check that the ID number is typed correctly.',
  },

  // 忘記帳號 and 忘記密碼: the ways this server offers
  'recovery.otherWaysOff': {
    'zh-TW': '以電子郵件或密碼提示問題找回的方式，尚未在本伺服器啟用。',
    en: 'Recovery by e-mail or by the hint question is not enabled on this server.',
  },
  'recovery.useInstead': { 'zh-TW': '您可以改用：', en: 'You can use instead:' },
} as const satisfies Record<string, Entry>;
