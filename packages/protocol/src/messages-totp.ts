/** Messages of 軟體式動態密碼 (TOTP) and recovery codes (issue 7). Merged into the catalogue in messages.ts. */
import type { Lang } from './lang';

type Entry = Readonly<Record<Lang, string>>;

export const totpMessages = {
  // 我的帳戶 → 軟體式動態密碼: what it is, and its state.
  'totp.title': { 'zh-TW': '軟體式動態密碼', en: 'Authenticator-app codes (TOTP)' },
  'totp.intro': {
    'zh-TW': '軟體式動態密碼由您手機上的驗證器 App 每 30 秒產生一組 6 位數字。登入時除了密碼再輸入這組數字，即使密碼外洩，他人也無法登入您的帳號。',
    en: 'An authenticator app on your phone makes a new 6-digit code every 30 seconds. Typing that code as well as your password means a stolen password alone cannot open your account.',
  },
  'totp.state': { 'zh-TW': '目前狀態', en: 'Status' },
  'totp.stateOn': { 'zh-TW': '已啟用', en: 'On' },
  'totp.stateOff': { 'zh-TW': '未啟用', en: 'Off' },
  'totp.since': { 'zh-TW': '啟用時間', en: 'Turned on' },
  'totp.everySignInState': { 'zh-TW': '每次登入都要輸入', en: 'Asked at every sign-in' },
  'totp.yes': { 'zh-TW': '是', en: 'Yes' },
  'totp.no': { 'zh-TW': '否', en: 'No' },
  'totp.recoveryLeft': { 'zh-TW': '尚未使用的備用代碼', en: 'Recovery codes not yet used' },
  'totp.recoveryLeftCount': { 'zh-TW': '{count} 組', en: '{count}' },

  // Enrolment.
  'totp.enrol.heading': { 'zh-TW': '啟用軟體式動態密碼', en: 'Turn on authenticator-app codes' },
  'totp.enrol.step1': {
    'zh-TW': '在手機上安裝驗證器 App，例如 Google Authenticator、Microsoft Authenticator 或 FreeOTP。',
    en: 'Install an authenticator app on your phone, such as Google Authenticator, Microsoft Authenticator or FreeOTP.',
  },
  'totp.enrol.step2': {
    'zh-TW': '在 App 中新增帳號，掃描下方的 QR Code；無法掃描時，請改為手動輸入下方的金鑰。',
    en: 'Add an account in the app and scan the QR code below. If you cannot scan it, type the key below instead.',
  },
  'totp.enrol.step3': {
    'zh-TW': '輸入 App 顯示的 6 位數動態密碼，確認設定無誤後才會啟用。',
    en: 'Enter the 6-digit code the app shows. Codes are only switched on once this check succeeds.',
  },
  'totp.qrLabel': {
    'zh-TW': '將本網站加入驗證器 App 的 QR Code（無法掃描時，請使用下方的金鑰）',
    en: 'QR code that adds this site to an authenticator app (if you cannot scan it, use the key below)',
  },
  'totp.keyLabel': { 'zh-TW': '手動輸入的金鑰', en: 'Key to type in' },
  'totp.keyHint': {
    'zh-TW': '類型選「依時間」（TOTP）；空格不必輸入。帳號名稱：{account}',
    en: 'Choose “time-based” (TOTP); the spaces need not be typed. Account name: {account}',
  },
  'totp.enrol.submit': { 'zh-TW': '確認並啟用', en: 'Check and turn on' },
  'totp.codeLabel': { 'zh-TW': '6 位數動態密碼', en: '6-digit code' },
  'totp.everySignIn': { 'zh-TW': '每次登入都要輸入動態密碼', en: 'Ask for the code at every sign-in' },
  'totp.everySignInHint': {
    'zh-TW': '未勾選時，只有在機關服務要求更高的驗證等級時才會詢問動態密碼。',
    en: 'If unticked, the code is asked for only when an agency’s service needs a higher level of assurance.',
  },

  // Recovery codes, shown once.
  'totp.recovery.title': { 'zh-TW': '您的備用代碼', en: 'Your recovery codes' },
  'totp.recovery.enabled': { 'zh-TW': '軟體式動態密碼已啟用。', en: 'Authenticator-app codes are now on.' },
  'totp.recovery.renewed': { 'zh-TW': '已產生新的備用代碼，先前的代碼全部失效。', en: 'New recovery codes have been made; all the earlier ones no longer work.' },
  'totp.recovery.intro': {
    'zh-TW': '手機遺失或無法使用時，可以用備用代碼代替動態密碼。每組代碼只能使用一次。這些代碼只會顯示這一次：請現在列印或抄寫下來，存放在安全、他人拿不到的地方，不要存在同一支手機上。',
    en: 'If your phone is lost or cannot be used, a recovery code can stand in for the app’s code. Each works once. They are shown only this once: print or write them down now, keep them somewhere safe that others cannot reach, and not on the same phone.',
  },
  'totp.recovery.listLabel': { 'zh-TW': '備用代碼', en: 'Recovery codes' },
  'totp.recovery.done': { 'zh-TW': '我已妥善保存，回我的帳戶', en: 'I have kept them safe: back to my account' },

  // Managing TOTP once it is on.
  'totp.manage.everySignInSubmit': { 'zh-TW': '儲存設定', en: 'Save the setting' },
  'totp.manage.saved': { 'zh-TW': '設定已儲存。', en: 'The setting has been saved.' },
  'totp.manage.proofLabel': { 'zh-TW': '動態密碼或備用代碼', en: 'Code from the app, or a recovery code' },
  'totp.manage.newCodesHeading': { 'zh-TW': '產生新的備用代碼', en: 'Make new recovery codes' },
  'totp.manage.newCodesIntro': {
    'zh-TW': '產生新的備用代碼後，舊的代碼（不論是否用過）全部失效。請先輸入目前的動態密碼或一組備用代碼。',
    en: 'New recovery codes make all the old ones void, used or not. First enter a current code from the app or a recovery code.',
  },
  'totp.manage.newCodesSubmit': { 'zh-TW': '產生新的備用代碼', en: 'Make new recovery codes' },
  'totp.manage.offHeading': { 'zh-TW': '停用軟體式動態密碼', en: 'Turn off authenticator-app codes' },
  'totp.manage.offIntro': {
    'zh-TW': '停用後，登入只需要密碼，備用代碼也全部失效。請輸入目前的動態密碼或一組備用代碼確認。',
    en: 'Once off, signing in needs only the password, and the recovery codes stop working. Enter a current code from the app or a recovery code to confirm.',
  },
  'totp.manage.offSubmit': { 'zh-TW': '停用', en: 'Turn off' },
  'totp.manage.off': { 'zh-TW': '軟體式動態密碼已停用。', en: 'Authenticator-app codes are now off.' },

  // The sign-in step after the password.
  'totp.signIn.title': { 'zh-TW': '輸入動態密碼', en: 'Enter your code' },
  'totp.signIn.intro': {
    'zh-TW': '密碼正確。請輸入驗證器 App 目前顯示的 6 位數動態密碼；手機不在身邊時，可以輸入一組備用代碼。',
    en: 'Your password is right. Enter the 6-digit code your authenticator app shows now. If your phone is not at hand, enter a recovery code instead.',
  },
  'totp.signIn.label': { 'zh-TW': '動態密碼或備用代碼', en: 'Code or recovery code' },
  'totp.signIn.submit': { 'zh-TW': '登入', en: 'Sign in' },
  'totp.signIn.cancel': { 'zh-TW': '取消並回登入頁', en: 'Cancel and go back to sign-in' },
  'totp.signIn.expired': {
    'zh-TW': '輸入動態密碼的時間已超過 5 分鐘，請重新登入。',
    en: 'More than 5 minutes passed before the code was entered. Please sign in again.',
  },
  'totp.recoveryUsed.title': { 'zh-TW': '已使用備用代碼登入', en: 'Signed in with a recovery code' },
  'totp.recoveryUsed.body': {
    'zh-TW': '您剛才使用了一組備用代碼，這組代碼已失效。目前還剩 {count} 組未使用的備用代碼。',
    en: 'You just used a recovery code, which now no longer works. {count} unused recovery codes remain.',
  },
  'totp.recoveryUsed.advice': {
    'zh-TW': '如果手機已遺失或換了新手機，請到「軟體式動態密碼」重新設定，並產生新的備用代碼。',
    en: 'If your phone was lost or replaced, set the codes up again under “Authenticator-app codes” and make new recovery codes.',
  },

  // Errors.
  ERR_TOTP_WRONG: {
    'zh-TW': '動態密碼或備用代碼不正確，或已經使用過。請輸入 App 目前顯示的數字。',
    en: 'The code is not right, or was already used. Enter the number the app shows now.',
  },
  ERR_TOTP_PAUSED: {
    'zh-TW': '動態密碼錯誤次數過多，已暫停驗證至 {until}。',
    en: 'Too many wrong codes: code checks are paused until {until}.',
  },
  ERR_TOTP_ENROLMENT_EXPIRED: {
    'zh-TW': '設定時間過長，金鑰已更換。請重新掃描下方的 QR Code 或輸入新的金鑰。',
    en: 'The set-up took too long and the key has been replaced. Scan the new QR code below or type the new key.',
  },
} as const satisfies Record<string, Entry>;
