/**
 * Messages of account recovery (忘記帳號, 忘記密碼): looking up the account names with the citizen certificate
 * card, the pages that lead to the ways of recovery this server offers, the links by e-mail, and the
 * password-hint question (setting it, and resetting the password with it). Merged into the catalogue in
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
  'recovery.passwordOptionsIntro': {
    'zh-TW': '請選擇一種方式確認是您本人，再設定新密碼：',
    en: 'Choose a way to show it is you, then set a new password:',
  },
  'recovery.accountOptionsIntro': {
    'zh-TW': '請選擇一種方式找回您的帳號：',
    en: 'Choose a way to find your account name:',
  },
  'recovery.byEmail': { 'zh-TW': '以電子郵件重設密碼', en: 'Reset the password by e-mail' },
  'recovery.byEmailText': {
    'zh-TW': '輸入帳號與註冊時的電子郵件地址，我們會寄一個 30 分鐘內有效的重設連結給您。',
    en: 'Type your account name and the e-mail address you registered with; we send you a link that works for 30 minutes.',
  },
  'recovery.hintText': {
    'zh-TW': '輸入帳號與身分證統一編號，答對事先設定的密碼提示問題後設定新密碼。',
    en: 'Type your account name and ID number, answer the hint question you set, then choose a new password.',
  },
  'recovery.accountByEmail': { 'zh-TW': '以電子郵件查詢帳號', en: 'Find your account name by e-mail' },
  'recovery.accountByEmailText': {
    'zh-TW': '輸入註冊時的電子郵件地址，我們會把使用這個地址的帳號寄給您。',
    en: 'Type the e-mail address you registered with; we mail you the account names that use it.',
  },
  'recovery.accountByCardText': {
    'zh-TW': '用您本人的自然人憑證確認身分，立即列出您名下的帳號。',
    en: 'Confirm who you are with your own citizen certificate card to see your account names at once.',
  },
  'recovery.cardText': {
    'zh-TW': '用您本人的自然人憑證確認身分，立即設定新密碼。',
    en: 'Confirm who you are with your own citizen certificate card and set a new password at once.',
  },

  // 忘記密碼 by e-mail
  'recovery.email.intro': {
    'zh-TW': '請輸入您的帳號，以及註冊時填寫的電子郵件地址。兩者相符時，我們會寄出重設密碼的連結。',
    en: 'Type your account name and the e-mail address you gave when you registered. When they match, we send a link to set a new password.',
  },
  'recovery.email.submit': { 'zh-TW': '寄出重設連結', en: 'Send the link' },
  'recovery.email.sentTitle': { 'zh-TW': '請收信', en: 'Check your e-mail' },
  'recovery.email.sentBody': {
    'zh-TW': '如果帳號與電子郵件地址相符，我們已寄出一封重設密碼的信。信中的連結 30 分鐘內有效，只能使用一次。沒有收到時，請檢查垃圾郵件匣，或稍後再試。',
    en: 'If the account name and the address match, we have sent an e-mail with a link to set a new password. The link works once, for 30 minutes. If nothing arrives, look in the spam folder or try again later.',
  },
  'recovery.email.resetTitle': { 'zh-TW': '設定新密碼', en: 'Set a new password' },
  'recovery.email.resetIntro': {
    'zh-TW': '請為帳號 {account} 設定新密碼。設定後，所有裝置上的登入都會結束，請用新密碼重新登入。',
    en: 'Choose a new password for the account {account}. Every sign-in on every device then ends; sign in again with the new password.',
  },
  'recovery.email.resetSubmit': { 'zh-TW': '設定新密碼', en: 'Set the new password' },
  ERR_RESET_LINK_INVALID: {
    'zh-TW': '這個重設連結已失效（已使用過、超過 30 分鐘或不完整），請重新申請。',
    en: 'This reset link no longer works (it was used, is older than 30 minutes or is incomplete). Please ask for a new one.',
  },
  'mail.resetPassword.subject': { 'zh-TW': '【門戶】重設密碼的連結', en: '[Menhu] Your link to set a new password' },
  'mail.resetPassword.body': {
    'zh-TW':
      '{name} 您好：\n\n有人為您的門戶帳號（{account}）申請重設密碼。請在 {minutes} 分鐘內開啟下列連結設定新密碼，連結只能使用一次：\n\n{link}\n\n如果不是您本人申請，請忽略這封信，您的密碼不會改變。\n\n門戶 敬上（本信由系統自動寄出，請勿直接回覆）',
    en: 'Dear {name},\n\nSomeone asked to reset the password of your Menhu account ({account}). Within {minutes} minutes, open this link to choose a new password; it works only once:\n\n{link}\n\nIf it was not you, ignore this e-mail: your password stays as it is.\n\nMenhu (automatic message; please do not reply)',
  },

  // 忘記帳號 by e-mail
  'recovery.accountEmail.intro': {
    'zh-TW': '請輸入註冊時填寫的電子郵件地址，我們會把使用這個地址的帳號寄到該信箱。',
    en: 'Type the e-mail address you gave when you registered; we mail the account names that use it to that address.',
  },
  'recovery.accountEmail.submit': { 'zh-TW': '寄出帳號', en: 'Mail my account names' },
  'recovery.accountEmail.sentBody': {
    'zh-TW': '如果有帳號使用這個電子郵件地址，我們已把帳號寄到這個地址。沒有收到時，請檢查垃圾郵件匣，或稍後再試。',
    en: 'If any account uses this e-mail address, we have mailed its name to that address. If nothing arrives, look in the spam folder or try again later.',
  },
  'mail.accountNames.subject': { 'zh-TW': '【門戶】您的帳號', en: '[Menhu] Your account names' },
  'mail.accountNames.body': {
    'zh-TW':
      '您好：\n\n有人查詢使用這個電子郵件地址的門戶帳號。以下是使用這個地址的帳號：\n\n{names}\n\n如果忘記密碼，請在登入頁選「忘記密碼」。如果不是您本人查詢，請忽略這封信。\n\n門戶 敬上（本信由系統自動寄出，請勿直接回覆）',
    en: 'Hello,\n\nSomeone asked which Menhu accounts use this e-mail address. These do:\n\n{names}\n\nIf you forgot the password too, choose “Forgot password” on the sign-in page. If it was not you who asked, ignore this e-mail.\n\nMenhu (automatic message; please do not reply)',
  },

  // 密碼提示問題: the questions offered, and the fields that set one
  'hint.preset.1': { 'zh-TW': '您就讀的第一所小學校名？', en: 'What was the name of your first primary school?' },
  'hint.preset.2': { 'zh-TW': '您童年最要好朋友的名字？', en: 'What was the name of your best friend as a child?' },
  'hint.preset.3': { 'zh-TW': '您第一隻寵物的名字？', en: 'What was the name of your first pet?' },
  'hint.preset.4': { 'zh-TW': '您小時候住的那條街或巷弄名稱？', en: 'What street or lane did you live on as a child?' },
  'hint.preset.5': { 'zh-TW': '您最難忘的一位老師姓名？', en: 'What is the name of the teacher you remember best?' },
  'hint.preset.6': { 'zh-TW': '您第一份工作的公司或單位名稱？', en: 'Where did you have your first job?' },
  'hint.legend': { 'zh-TW': '密碼提示問題（選填）', en: 'Password-hint question (optional)' },
  'hint.intro': {
    'zh-TW': '忘記密碼時，答對這個問題就能設定新密碼。請選一個別人不容易知道或查到答案的問題。',
    en: 'If you forget the password, answering this question lets you set a new one. Pick a question whose answer others cannot easily know or look up.',
  },
  'hint.question': { 'zh-TW': '提示問題', en: 'Question' },
  'hint.none': { 'zh-TW': '（不設定）', en: '(none)' },
  'hint.own': { 'zh-TW': '自訂問題', en: 'My own question' },
  'hint.ownQuestion': { 'zh-TW': '自訂問題內容', en: 'Your own question' },
  'hint.ownQuestionHint': { 'zh-TW': '選擇「自訂問題」時填寫，最多 {max} 個字。', en: 'When you chose “My own question”; at most {max} characters.' },
  'hint.answer': { 'zh-TW': '答案', en: 'Answer' },
  'hint.answerHint': {
    'zh-TW': '{min} 至 {max} 個字。比對時不分大小寫、全形半形，也不計多餘的空白。',
    en: '{min} to {max} characters. Case, full- or half-width forms and extra spaces do not matter.',
  },
  ERR_HINT_QUESTION_MISSING: { 'zh-TW': '請選擇提示問題，或清空答案。', en: 'Choose a question, or leave the answer empty.' },
  ERR_HINT_OWN_QUESTION: {
    'zh-TW': '請填寫自訂問題（最多 {max} 個字）。',
    en: 'Type your own question (at most {max} characters).',
  },
  ERR_HINT_ANSWER_LENGTH: {
    'zh-TW': '答案須為 {min} 至 {max} 個字。',
    en: 'The answer must be {min} to {max} characters long.',
  },

  // 密碼提示問題 in 我的帳戶
  'hint.settings.current': { 'zh-TW': '目前的提示問題：{question}', en: 'Your question now: {question}' },
  'hint.settings.noneSet': { 'zh-TW': '您尚未設定密碼提示問題。', en: 'You have not set a password-hint question.' },
  'hint.settings.newLegend': { 'zh-TW': '設定新的提示問題', en: 'Set a new question' },
  'hint.settings.save': { 'zh-TW': '儲存提示問題', en: 'Save the question' },
  'hint.settings.remove': { 'zh-TW': '移除提示問題', en: 'Remove the question' },
  'hint.settings.saved': { 'zh-TW': '密碼提示問題已儲存。', en: 'The password-hint question is saved.' },
  'hint.settings.removed': { 'zh-TW': '密碼提示問題已移除。', en: 'The password-hint question is removed.' },

  // 以密碼提示問題重設密碼
  'hint.reset.step': { 'zh-TW': '步驟 {n}／{of}', en: 'Step {n} of {of}' },
  'hint.reset.intro': {
    'zh-TW': '請輸入帳號與身分證統一編號，下一步會顯示您設定的提示問題。',
    en: 'Type your account name and national ID number; the next step shows the question you set.',
  },
  'hint.reset.idNumberHint': {
    'zh-TW': '註冊帳號時填寫的身分證統一編號（例：A123456789）。',
    en: 'The national ID number you registered with (e.g. A123456789).',
  },
  'hint.reset.next': { 'zh-TW': '下一步', en: 'Next' },
  'hint.reset.questionIntro': { 'zh-TW': '請回答您設定的密碼提示問題。', en: 'Answer the password-hint question you set.' },
  'hint.reset.answerHint': {
    'zh-TW': '不分大小寫、全形半形，也不計多餘的空白。',
    en: 'Case, full- or half-width forms and extra spaces do not matter.',
  },
  'hint.reset.submitAnswer': { 'zh-TW': '送出答案', en: 'Send the answer' },
  'hint.reset.passwordIntro': {
    'zh-TW': '答案正確。請設定新密碼；設定後，所有裝置上的登入都會結束，請用新密碼登入。',
    en: 'That is right. Choose a new password; every sign-in on every device then ends, and you sign in with the new password.',
  },
  'hint.reset.submitPassword': { 'zh-TW': '設定新密碼', en: 'Set the new password' },
  'hint.reset.startOver': { 'zh-TW': '重新開始', en: 'Start again' },
  ERR_HINT_WRONG: { 'zh-TW': '答案不正確，請再試一次。', en: 'That answer is not right. Try again.' },
  ERR_HINT_CLOSED: {
    'zh-TW': '這個帳號的提示問題答錯太多次，暫時無法使用，請於 {time} 後再試，或改用其他方式重設密碼。',
    en: 'The hint question of this account was answered wrongly too often and is closed for now. Try again after {time}, or reset the password another way.',
  },
  ERR_HINT_FLOW_EXPIRED: {
    'zh-TW': '這次的重設程序已逾時或不完整，請重新開始。',
    en: 'This reset took too long or is incomplete. Please start again.',
  },
} as const satisfies Record<string, Entry>;
