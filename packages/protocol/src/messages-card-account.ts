/**
 * Messages of the card around the account (issue 6): registering from a first card login, the fresh e-mail
 * check after a binding, unlinking a card, the expiry warning, and organisation sign-in with a business or
 * agency card. Merged into the catalogue in messages.ts.
 */
import type { Lang } from './lang';

type Entry = Readonly<Record<Lang, string>>;

const SIGNATURE_ZH = '門戶 敬上（本信由系統自動寄出，請勿直接回覆）';
const SIGNATURE_EN = 'Menhu (automatic message; please do not reply)';

export const cardAccountMessages = {
  // The first card login: link an existing account, or register a new one with the card's name.
  'cardbind.bindHeading': { 'zh-TW': '已有帳號：綁定這張憑證', en: 'I have an account: link this card to it' },
  'cardbind.registerHeading': { 'zh-TW': '還沒有帳號：以這張憑證加入會員', en: 'No account yet: register with this card' },
  'cardbind.registerIntro': {
    'zh-TW': '姓名已依憑證填好。請輸入完整的身分證統一編號（末四碼須與憑證相同）、想用的帳號、密碼與電子郵件；帳號建立後立即可用，並已綁定這張憑證。',
    en: 'The name is filled in from the card. Enter your full ID number (its last four digits must be the card’s), the account name, password and e-mail address you want; the account works at once and is linked to this card.',
  },
  'cardbind.registerSubmit': { 'zh-TW': '加入會員並綁定', en: 'Register and link the card' },
  'register.idNumberCardHint': {
    'zh-TW': '請輸入完整的身分證統一編號；末四碼須為 {last4}（與憑證相同）。',
    en: 'Enter your full ID number; it must end in {last4}, as on the card.',
  },
  'cardbind.nameFromCard': { 'zh-TW': '姓名依憑證填入，不能修改。', en: 'Taken from the card; it cannot be changed.' },
  ERR_CARD_NAME_DIFFERS: { 'zh-TW': '姓名必須與憑證上的姓名相同。', en: 'The name must be the one on the card.' },
  ERR_CARD_ID_DIFFERS: {
    'zh-TW': '身分證統一編號的末四碼與憑證不符，請確認後重新輸入。',
    en: 'The last four digits of this ID number are not the card’s. Check the number and type it again.',
  },
  ERR_CARD_ID_VERIFIED_ELSEWHERE: {
    'zh-TW': '您的身分證統一編號已經由另一個門戶帳號以自然人憑證驗證過，一個身分只能驗證一個帳號。請改用那個帳號；忘記帳號時，可用「以自然人憑證查詢帳號」找回。',
    en: 'Your ID number has already been verified with a citizen certificate on another Menhu account, and one person can verify only one account. Use that account; if you forgot its name, “Find your account name with the card” will show it.',
  },
  'cardkind.citizen': { 'zh-TW': '自然人憑證', en: 'citizen digital certificate card' },
  'cardkind.or': { 'zh-TW': '或', en: ' or ' },

  // The fresh e-mail check (DESIGN.md step 5).
  'emailcheck.title': { 'zh-TW': '確認電子郵件地址', en: 'Confirm your e-mail address' },
  'emailcheck.confirm': { 'zh-TW': '按下按鈕，確認這個電子郵件地址是您的。', en: 'Press the button to confirm that this e-mail address is yours.' },
  'emailcheck.submit': { 'zh-TW': '確認電子郵件', en: 'Confirm e-mail address' },
  'emailcheck.doneTitle': { 'zh-TW': '電子郵件地址已確認', en: 'E-mail address confirmed' },
  'emailcheck.doneBody': { 'zh-TW': '謝謝，帳號的電子郵件地址已確認。', en: 'Thank you: your account’s e-mail address is confirmed.' },
  'emailcheck.pending': {
    'zh-TW': '尚未確認：請開啟我們寄到這個地址的確認信，並按信中的連結。',
    en: 'Not confirmed yet: open the e-mail we sent to this address and follow its link.',
  },
  'emailcheck.resend': { 'zh-TW': '重寄確認信', en: 'Send the confirmation again' },
  'emailcheck.sent': { 'zh-TW': '確認信已寄出，請到信箱收信。', en: 'The confirmation e-mail is on its way; check your inbox.' },
  'emailcheck.tooSoon': {
    'zh-TW': '一分鐘內已寄過確認信，這次沒有再寄；請稍候再試。',
    en: 'A confirmation e-mail was sent less than a minute ago, so none was sent now; try again shortly.',
  },
  'mail.verifyEmail.subject': { 'zh-TW': '【門戶】請確認您的電子郵件地址', en: '[Menhu] Please confirm your e-mail address' },
  'mail.verifyEmail.body': {
    'zh-TW': `{name} 您好：\n\n您的門戶帳號（{account}）需要確認這個電子郵件地址。請在 24 小時內開啟下列連結並按「確認電子郵件」：\n\n{link}\n\n如果這個帳號不是您的，請忽略這封信。\n\n${SIGNATURE_ZH}`,
    en: `Dear {name},\n\nYour Menhu account ({account}) needs this e-mail address confirmed. Within 24 hours, open this link and press “Confirm e-mail address”:\n\n{link}\n\nIf the account is not yours, ignore this e-mail.\n\n${SIGNATURE_EN}`,
  },

  'mail.cardRegistered.subject': { 'zh-TW': '【門戶】您已用自然人憑證加入會員，請確認電子郵件', en: '[Menhu] You registered with your citizen certificate: please confirm your e-mail' },
  'mail.cardRegistered.body': {
    'zh-TW': `{name} 您好：\n\n您剛剛用自然人憑證加入門戶會員（帳號：{account}），這張憑證已綁定到帳號，身分證統一編號也已由憑證驗證。\n\n請在 24 小時內開啟下列連結並按「確認電子郵件」，確認這個地址是您的：\n\n{link}\n\n如果這不是您本人所做，請勿開啟連結，並洽詢本服務的管理單位。\n\n${SIGNATURE_ZH}`,
    en: `Dear {name},\n\nYou just registered with Menhu using your citizen certificate (account: {account}). The card is linked to the account, and your ID number is verified by it.\n\nWithin 24 hours, open this link and press “Confirm e-mail address” to confirm that this address is yours:\n\n{link}\n\nIf this was not you, do not open the link, and contact the operator of this service.\n\n${SIGNATURE_EN}`,
  },

  // 我的帳戶: linked cards.
  'account.cardUnbind': { 'zh-TW': '解除綁定', en: 'Unlink' },
  'account.cardUnbindLabel': { 'zh-TW': '解除綁定序號 {serial} 的憑證', en: 'Unlink the card with serial {serial}' },
  'account.cardUnbound': { 'zh-TW': '已解除綁定序號 {serial} 的憑證。', en: 'The card with serial {serial} is no longer linked.' },
  'account.cardNotFound': { 'zh-TW': '找不到這張憑證，可能已經解除綁定。', en: 'That card was not found; it may already be unlinked.' },
  'account.cardExpiresSoon': { 'zh-TW': '（即將到期，請儘早換發）', en: '(expires soon: renew it in good time)' },
  'mail.cardUnbound.subject': { 'zh-TW': '【門戶】您的帳號已解除綁定一張憑證', en: '[Menhu] A card was unlinked from your account' },
  'mail.cardUnbound.body': {
    'zh-TW': `{name} 您好：\n\n您的門戶帳號（{account}）剛剛解除綁定了序號 {serial} 的自然人憑證，這張卡片之後不能再登入這個帳號。\n\n如果這不是您本人所做，請立即更改密碼並洽詢本服務的管理單位。\n\n${SIGNATURE_ZH}`,
    en: `Dear {name},\n\nThe citizen certificate card with serial {serial} was just unlinked from your Menhu account ({account}); it can no longer sign in to the account.\n\nIf this was not you, change your password and contact the operator of this service at once.\n\n${SIGNATURE_EN}`,
  },
  'mail.cardExpiring.subject': { 'zh-TW': '【門戶】您的自然人憑證即將到期', en: '[Menhu] Your citizen certificate expires soon' },
  'mail.cardExpiring.body': {
    'zh-TW': `{name} 您好：\n\n綁定在門戶帳號（{account}）的自然人憑證將於 {date} 到期，到期後就不能再用它登入。請儘早到戶政事務所或線上換發；換發後用新卡登入一次，再輸入帳號密碼即可綁定新卡。\n\n${SIGNATURE_ZH}`,
    en: `Dear {name},\n\nThe citizen certificate linked to your Menhu account ({account}) expires on {date}; after that it cannot sign in. Renew it in good time at a household registration office or online; then sign in once with the new card and give your account’s password to link it.\n\n${SIGNATURE_EN}`,
  },

  // Organisation sign-in (CARD_LOGIN_KINDS).
  'org.title': { 'zh-TW': '機關或法人憑證登入', en: 'Organisation certificate sign-in' },
  'org.intro': {
    'zh-TW': '您以{kind}登入，代表下列機關或法人，而不是以個人會員帳號登入；個人帳號的功能（如綁定憑證、變更密碼）在此不提供。',
    en: 'You signed in with a {kind}, on behalf of the organisation below, not as a personal member account; personal account features (linking cards, changing passwords) are not offered here.',
  },
  'org.name': { 'zh-TW': '名稱', en: 'Name' },
  'org.businessId': { 'zh-TW': '統一編號', en: 'Unified business number' },
  'org.serial': { 'zh-TW': '憑證序號', en: 'Certificate serial' },
  'org.notAfter': { 'zh-TW': '憑證有效至', en: 'Certificate valid until' },
} as const satisfies Record<string, Entry>;
