/**
 * Messages of 我的帳戶's settings (issue 7): the settings list, re-authentication before a change, the security
 * change notices mailed to the citizen, and the settings pages themselves. Merged into the catalogue in
 * messages.ts.
 */
import type { Lang } from './lang';

type Entry = Readonly<Record<Lang, string>>;

export const settingsMessages = {
  // The security-change mail: one template, the change named in it.
  'mail.security.subject': { 'zh-TW': '【門戶】帳號安全通知：{what}', en: '[Menhu] Account security notice: {what}' },
  'mail.security.body': {
    'zh-TW':
      '{name} 您好：\n\n您的門戶帳號（{account}）在 {when}：{what}。\n\n如果這是您本人所做，不必理會這封信。如果不是，請立即以「忘記密碼」或「以自然人憑證重設密碼」設定新密碼，並洽詢本服務的管理單位。\n\n門戶 敬上（本信由系統自動寄出，請勿直接回覆）',
    en: 'Dear {name},\n\nOn {when}, this happened to your Menhu account ({account}): {what}.\n\nIf it was you, there is nothing to do. If it was not, set a new password at once with “Forgot password” or “Reset the password with the card”, and contact the operator of this service.\n\nMenhu (automatic message; please do not reply)',
  },
  'security.change.password_changed': { 'zh-TW': '密碼已變更', en: 'the password was changed' },
  'security.change.password_reset': { 'zh-TW': '密碼已重設，所有裝置上的登入都已結束', en: 'the password was reset, and every sign-in on every device was ended' },
  'security.change.totp_on': { 'zh-TW': '已啟用軟體式動態密碼（TOTP）', en: 'the authenticator-app code (TOTP) was turned on' },
  'security.change.totp_off': { 'zh-TW': '已停用軟體式動態密碼（TOTP）', en: 'the authenticator-app code (TOTP) was turned off' },
  'security.change.recovery_codes': { 'zh-TW': '已產生新的備用代碼，舊的代碼全部失效', en: 'new recovery codes were made, and the old ones no longer work' },
  'security.change.hint_changed': { 'zh-TW': '密碼提示問題已變更', en: 'the password-hint question was changed' },
  'security.change.locked': { 'zh-TW': '因密碼連續輸入錯誤，密碼登入已暫時鎖定', en: 'password sign-in was locked for a while after repeated wrong passwords' },
  'security.change.email_changed': { 'zh-TW': '電子郵件地址已變更', en: 'the e-mail address was changed' },
  'security.change.profile_changed': { 'zh-TW': '個人資料已更正', en: 'the personal data was corrected' },
  'security.change.account_deleted': { 'zh-TW': '帳號已刪除', en: 'the account was deleted' },

  ERR_PASSWORD_REUSED: {
    'zh-TW': '新密碼不能與目前或前兩次使用過的密碼相同，請換一個。',
    en: 'The new password may not be the current one or either of the two before it. Choose another.',
  },

  // Re-authentication: a change needs a sign-in within the last 10 minutes.
  'reauth.title': { 'zh-TW': '請再次確認身分', en: 'Confirm it is you' },
  'reauth.intro': {
    'zh-TW': '為保護您的帳號，變更設定前需要在 10 分鐘內登入過。請再輸入一次密碼。',
    en: 'To protect your account, changing a setting needs a sign-in within the last 10 minutes. Please enter your password again.',
  },
  'reauth.submit': { 'zh-TW': '確認', en: 'Confirm' },

  // The settings list on 我的帳戶.
  'settings.heading': { 'zh-TW': '帳戶設定', en: 'Account settings' },
  'settings.password': { 'zh-TW': '變更密碼', en: 'Change the password' },
  'settings.email': { 'zh-TW': '變更電子郵件', en: 'Change the e-mail address' },
  'settings.hint': { 'zh-TW': '密碼提示問題', en: 'Password-hint question' },
  'settings.totp': { 'zh-TW': '軟體式動態密碼（TOTP）與備用代碼', en: 'Authenticator-app code (TOTP) and recovery codes' },
  'settings.sessions': { 'zh-TW': '登入中的裝置', en: 'Where you are signed in' },
  'settings.history': { 'zh-TW': '登入紀錄', en: 'Sign-in history' },
  'settings.profile': { 'zh-TW': '更正個人資料', en: 'Correct your personal data' },
  'settings.delete': { 'zh-TW': '刪除帳號', en: 'Delete the account' },
} as const satisfies Record<string, Entry>;
