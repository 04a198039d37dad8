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

  // What every settings page shares.
  'settings.back': { 'zh-TW': '回到我的帳戶', en: 'Back to My account' },
  'settings.mailed': { 'zh-TW': '我們也寄了一封通知信到您的電子郵件。', en: 'We have also sent a notice to your e-mail address.' },

  // 變更密碼
  'settings.password.intro': {
    'zh-TW': '請用目前的密碼，或用您的自然人憑證確認身分後設定新密碼。變更後，其他裝置上的登入都會結束，這個瀏覽器保持登入。',
    en: 'Confirm it is you with your current password or with your citizen certificate card, then choose a new password. Afterwards every sign-in on other devices ends; this browser stays signed in.',
  },
  'settings.password.withPassword': { 'zh-TW': '以目前的密碼確認', en: 'Confirm with the current password' },
  'settings.password.current': { 'zh-TW': '目前的密碼', en: 'Current password' },
  'settings.password.new': { 'zh-TW': '新密碼', en: 'New password' },
  'settings.password.newConfirm': { 'zh-TW': '再輸入一次新密碼', en: 'New password again' },
  'settings.password.rules': {
    'zh-TW': '至少 {min} 個字元，不可包含帳號，也不可與目前或前兩次使用過的密碼相同。',
    en: 'At least {min} characters; it may not contain the account name, nor be the current password or either of the two before it.',
  },
  'settings.password.submit': { 'zh-TW': '變更密碼', en: 'Change the password' },
  'settings.password.withCard': { 'zh-TW': '以自然人憑證確認', en: 'Confirm with the citizen certificate card' },
  'settings.password.cardIntro': {
    'zh-TW': '請插入已綁定這個帳號的自然人憑證，或持有人姓名及身分證末四碼與帳號資料相同的憑證，填寫新密碼後輸入 PIN 碼。PIN 碼只交給您電腦上的元件，不會傳到本網站。',
    en: 'Insert a citizen certificate card linked to this account, or one whose holder’s name and last four ID digits match the account, type the new password, then the PIN. The PIN goes only to the component on your computer, never to this site.',
  },
  'settings.password.cardSubmit': { 'zh-TW': '以憑證確認並變更密碼', en: 'Confirm with the card and change the password' },
  'settings.password.done': {
    'zh-TW': '密碼已變更，其他裝置上的登入都已結束。',
    en: 'The password has been changed, and every sign-in on other devices has ended.',
  },
  ERR_CURRENT_PASSWORD: { 'zh-TW': '目前的密碼不正確。', en: 'The current password is not correct.' },
  ERR_CARD_NOT_HOLDER: {
    'zh-TW': '這張憑證沒有綁定這個帳號，持有人的姓名或身分證末四碼也與帳號資料不符，無法用來確認身分。',
    en: 'This card is not linked to this account, and its holder’s name or last four ID digits differ from the account’s, so it cannot confirm who you are.',
  },

  // 變更電子郵件
  'settings.email.intro': {
    'zh-TW': '目前的電子郵件地址：{email}。送出新地址後，我們會寄一封確認信到新地址，按下信中的連結後才會更換；原地址也會立刻收到通知。',
    en: 'Your current e-mail address: {email}. When you send a new address, we e-mail a confirmation link to it, and the address changes only once that link is used; the current address is told at once.',
  },
  'settings.email.new': { 'zh-TW': '新的電子郵件地址', en: 'New e-mail address' },
  'settings.email.submit': { 'zh-TW': '寄出確認信', en: 'Send the confirmation link' },
  'settings.email.sent': {
    'zh-TW': '確認信已寄到 {email}。連結 24 小時內有效，只能使用一次；在按下連結之前，帳號仍使用原來的地址。',
    en: 'A confirmation link is on its way to {email}. It works once, for 24 hours; until it is used, the account keeps its current address.',
  },
  'settings.email.tooSoon': {
    'zh-TW': '一分鐘內只能寄出一次確認信，請稍候再試。',
    en: 'Only one confirmation link can be sent a minute. Please try again shortly.',
  },
  ERR_EMAIL_SAME: { 'zh-TW': '這就是目前的地址，請輸入新的地址。', en: 'That is the current address. Please enter a new one.' },
  'settings.email.confirmTitle': { 'zh-TW': '確認新的電子郵件地址', en: 'Confirm the new e-mail address' },
  'settings.email.confirmBody': {
    'zh-TW': '按下「確認更換」後，這個地址就會成為您門戶帳號的電子郵件地址。',
    en: 'Press “Confirm the change” and this address becomes the e-mail address of your Menhu account.',
  },
  'settings.email.confirmSubmit': { 'zh-TW': '確認更換', en: 'Confirm the change' },
  'settings.email.doneTitle': { 'zh-TW': '電子郵件地址已更換', en: 'E-mail address changed' },
  'settings.email.doneBody': {
    'zh-TW': '帳號的電子郵件地址已改為 {email}，並已確認。新舊兩個地址都收到了通知信。',
    en: 'The account’s e-mail address is now {email}, and it is confirmed. Both the old and the new address have been sent a notice.',
  },
  ERR_EMAIL_IN_USE: {
    'zh-TW': '這個地址已是另一個門戶帳號的電子郵件地址，因此沒有更換。',
    en: 'This address already belongs to another Menhu account, so nothing was changed.',
  },
  'mail.emailChange.subject': { 'zh-TW': '【門戶】請確認新的電子郵件地址', en: '[Menhu] Confirm your new e-mail address' },
  'mail.emailChange.body': {
    'zh-TW':
      '{name} 您好：\n\n門戶帳號（{account}）要求把電子郵件地址改為這個地址。請在 24 小時內開啟下面的連結，並按下「確認更換」：\n\n{link}\n\n連結只能使用一次。如果這不是您提出的，請不必理會這封信，地址不會更換。\n\n門戶 敬上（本信由系統自動寄出，請勿直接回覆）',
    en: 'Dear {name},\n\nThe Menhu account {account} asked to use this address as its e-mail address. Within 24 hours, open the link below and press “Confirm the change”:\n\n{link}\n\nThe link works once. If you did not ask for this, ignore this mail and nothing will change.\n\nMenhu (automatic message; please do not reply)',
  },
  'mail.emailChangeAsked.subject': {
    'zh-TW': '【門戶】帳號的電子郵件地址即將更換',
    en: '[Menhu] A change of your account’s e-mail address was asked for',
  },
  'mail.emailChangeAsked.body': {
    'zh-TW':
      '{name} 您好：\n\n您的門戶帳號（{account}）在 {when} 要求把電子郵件地址改為 {email}。新地址按下確認信中的連結後才會更換，在那之前仍使用這個地址。\n\n如果這是您本人所做，不必理會這封信。如果不是，請立即登入變更密碼，並在「登入中的裝置」登出其他所有裝置。\n\n門戶 敬上（本信由系統自動寄出，請勿直接回覆）',
    en: 'Dear {name},\n\nOn {when}, your Menhu account ({account}) asked to change its e-mail address to {email}. The change happens only once the link mailed to the new address is used; until then this address stays.\n\nIf it was you, there is nothing to do. If it was not, sign in at once, change the password, and sign out every other device under “Where you are signed in”.\n\nMenhu (automatic message; please do not reply)',
  },

  // 登入中的裝置
  'settings.sessions.intro': {
    'zh-TW': '以下是目前登入您帳號的瀏覽器，最近使用的在前。若有您不認得的，請登出其他所有裝置並變更密碼。',
    en: 'These browsers are signed in to your account, the most recently used first. If you do not recognise one, sign out everywhere else and change the password.',
  },
  'settings.sessions.thisOne': { 'zh-TW': '{browser}（這個瀏覽器）', en: '{browser} (this browser)' },
  'settings.sessions.signedInAt': { 'zh-TW': '登入時間', en: 'Signed in' },
  'settings.sessions.lastActive': { 'zh-TW': '最後使用', en: 'Last active' },
  'settings.sessions.address': { 'zh-TW': 'IP 位址', en: 'IP address' },
  'settings.sessions.unknown': { 'zh-TW': '未記錄', en: 'not recorded' },
  'settings.sessions.on': { 'zh-TW': '{browser}（{system}）', en: '{browser} on {system}' },
  'settings.sessions.endOthers': { 'zh-TW': '登出其他所有裝置', en: 'Sign out everywhere else' },
  'settings.sessions.ended': { 'zh-TW': '已登出其他 {count} 個登入。', en: 'Signed out {count} other sign-ins.' },
  'settings.sessions.onlyThis': { 'zh-TW': '目前只有這個瀏覽器登入。', en: 'Only this browser is signed in.' },

  // 登入紀錄
  'settings.history.intro': {
    'zh-TW': '最近 {count} 筆登入嘗試，成功與失敗的都列出，最新的在前；時間為臺灣時間。若有不是您的登入，請變更密碼。',
    en: 'The latest {count} sign-in attempts, successful or not, newest first; times are Taiwan time. If one was not you, change the password.',
  },
  'settings.history.caption': { 'zh-TW': '登入紀錄', en: 'Sign-in history' },
  'settings.history.when': { 'zh-TW': '時間', en: 'When' },
  'settings.history.method': { 'zh-TW': '方式', en: 'Method' },
  'settings.history.address': { 'zh-TW': 'IP 位址', en: 'IP address' },
  'settings.history.result': { 'zh-TW': '結果', en: 'Result' },
  'settings.history.empty': { 'zh-TW': '還沒有登入紀錄。', en: 'No sign-ins yet.' },
  'settings.history.method.password': { 'zh-TW': '帳號密碼', en: 'Account and password' },
  'settings.history.method.card': { 'zh-TW': '自然人憑證', en: 'Citizen certificate card' },
  'settings.history.method.totp': { 'zh-TW': '動態密碼（TOTP）', en: 'One-time code (TOTP)' },
  'settings.history.method.mobile': { 'zh-TW': '行動自然人憑證', en: 'Mobile citizen certificate' },
  'settings.history.method.social': { 'zh-TW': '社群帳號', en: 'Social account' },
  'settings.history.method.lock': { 'zh-TW': '帳號密碼', en: 'Account and password' },
  'settings.history.method.other': { 'zh-TW': '其他', en: 'Other' },
  'settings.history.outcome.success': { 'zh-TW': '成功', en: 'Succeeded' },
  'settings.history.outcome.failure': { 'zh-TW': '失敗', en: 'Failed' },
  'settings.history.outcome.refused': { 'zh-TW': '未允許', en: 'Refused' },
  'settings.history.outcome.locked': { 'zh-TW': '已鎖定', en: 'Locked' },
  'settings.history.outcome.info': { 'zh-TW': '紀錄', en: 'Noted' },

  // 更正個人資料
  'settings.profile.intro': {
    'zh-TW': '依個人資料保護法第3條，您可以更正自己的個人資料。姓名與身分證統一編號尚未由自然人憑證驗證前，可以在這裡更正。',
    en: 'Under Article 3 of the Personal Data Protection Act you may correct your personal data. Until a citizen certificate card has verified them, your name and ID number can be corrected here.',
  },
  'settings.profile.verified': {
    'zh-TW': '您的姓名與身分證統一編號已由自然人憑證驗證，必須與憑證上的資料一致，因此不能在這裡更改。若憑證上的資料有誤，請洽內政部憑證管理中心。',
    en: 'Your name and ID number were verified by your citizen certificate card and must stay as the card states them, so they cannot be changed here. If the card itself is wrong, contact the Ministry of the Interior Certification Authority.',
  },
  'settings.profile.idHint': {
    'zh-TW': '目前登記為 {masked}。不需要更正請留空；更正時請輸入完整的 10 碼。',
    en: 'Currently {masked}. Leave it empty to keep it; to correct it, type all 10 characters.',
  },
  'settings.profile.submit': { 'zh-TW': '儲存更正', en: 'Save the correction' },
  'settings.profile.unchanged': { 'zh-TW': '資料與原本相同，沒有變更。', en: 'Nothing differed from what was there, so nothing changed.' },
  'settings.profile.done': { 'zh-TW': '個人資料已更正。', en: 'Your personal data has been corrected.' },
  ERR_PROFILE_VERIFIED: {
    'zh-TW': '姓名與身分證統一編號已由自然人憑證驗證，不能更改。',
    en: 'The name and ID number were verified by a citizen certificate card and cannot be changed.',
  },

  // 刪除帳號
  'settings.delete.intro': {
    'zh-TW': '依個人資料保護法第3條，您可以要求刪除您的個人資料。刪除帳號後無法復原，也無法再用它登入各機關的服務。',
    en: 'Under Article 3 of the Personal Data Protection Act you may have your personal data deleted. Deleting the account cannot be undone, and you can no longer use it to sign in to any agency’s service.',
  },
  'settings.delete.whatGoes': {
    'zh-TW': '會刪除：帳號與密碼、姓名、身分證統一編號、電子郵件地址、綁定的自然人憑證、密碼提示問題、動態密碼設定與備用代碼，以及尚未使用的信件連結；所有裝置上的登入都會結束。',
    en: 'Deleted: the account and its password, your name, ID number and e-mail address, linked citizen certificate cards, the password-hint question, the authenticator-app settings and recovery codes, and unused e-mailed links; every sign-in on every device ends.',
  },
  'settings.delete.whatStays': {
    'zh-TW': '會保留：依法令須保存的稽核紀錄。每一筆紀錄只有時間、事件種類、結果、IP 位址、瀏覽器，以帳號的內部編號標示（登入事件另記有當時輸入的帳號名稱），不含您的姓名、身分證統一編號或電子郵件地址。',
    en: 'Kept: the audit trail, which the law on records requires us to keep. Each row holds only a time, the kind of event, its result, the IP address and the browser, marked with the account’s internal number (sign-in rows also hold the account name that was typed); it holds no name, ID number or e-mail address.',
  },
  'settings.delete.password': { 'zh-TW': '密碼', en: 'Password' },
  'settings.delete.typeName': { 'zh-TW': '請輸入您的帳號名稱（{account}）以確認', en: 'Type your account name ({account}) to confirm' },
  'settings.delete.submit': { 'zh-TW': '永久刪除帳號', en: 'Delete the account for good' },
  ERR_DELETE_NAME: { 'zh-TW': '輸入的帳號名稱不符。', en: 'The account name typed does not match.' },
  'settings.delete.doneTitle': { 'zh-TW': '帳號已刪除', en: 'Account deleted' },
  'settings.delete.doneBody': {
    'zh-TW': '您的帳號與個人資料已刪除，所有登入都已結束，我們也寄了一封最後的通知信給您。謝謝您使用門戶，再見。',
    en: 'Your account and personal data have been deleted, every sign-in has ended, and a last notice has been mailed to you. Thank you for using Menhu, and goodbye.',
  },
} as const satisfies Record<string, Entry>;
