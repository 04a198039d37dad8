/**
 * The message catalogue: every text a person reads, in Traditional Chinese and English. Error codes are keys
 * here too, so an error always has words in both languages. Placeholders are written {name}.
 */
import type { Lang } from './lang';
import { cardMessages } from './messages-card';
import { cardAccountMessages } from './messages-card-account';
import { settingsMessages } from './messages-settings';
import { totpMessages } from './messages-totp';
import { oidcMessages } from './messages-oidc';
import { envCheckMessages } from './messages-envcheck';
import { recoveryMessages } from './messages-recovery';

export type Entry = Readonly<Record<Lang, string>>;

const catalogue = {
  // Site frame
  'site.name': { 'zh-TW': '門戶', en: 'Menhu' },
  'site.tagline': { 'zh-TW': '政府服務單一登入', en: 'Single sign-on for government services' },
  'site.skipToMain': { 'zh-TW': '跳到主要內容', en: 'Skip to main content' },
  'site.accessTop': { 'zh-TW': '上方功能區塊', en: 'Top navigation' },
  'site.accessMain': { 'zh-TW': '中央內容區塊', en: 'Main content' },
  'site.accessBottom': { 'zh-TW': '下方功能區塊', en: 'Footer' },
  'site.nav': { 'zh-TW': '網站功能', en: 'Site menu' },
  'site.sitemap': { 'zh-TW': '網站導覽', en: 'Site map' },
  'site.help': { 'zh-TW': '常見問題', en: 'Help' },
  'site.login': { 'zh-TW': '登入', en: 'Sign in' },
  'site.langSwitch': { 'zh-TW': 'English', en: '中文' },
  'site.langSwitchLabel': { 'zh-TW': 'Switch to English', en: '切換為中文' },
  'site.footerNote': {
    'zh-TW': '本網站依政府網站無障礙規範設計；使用鍵盤亦可操作所有功能。',
    en: 'This site follows the government accessibility guidelines; every function works from the keyboard.',
  },
  'site.serviceLine': {
    'zh-TW': '自然人憑證客服專線：0800-080-117',
    en: 'Citizen certificate helpdesk: 0800-080-117',
  },
  'site.noscript': {
    'zh-TW': '您的瀏覽器未執行 JavaScript。帳號密碼登入仍可使用；憑證登入與逾時提醒需要 JavaScript。',
    en: 'JavaScript is off in your browser. Account sign-in still works; card sign-in and the time-out reminder need JavaScript.',
  },

  // Session time-out
  'session.warningTitle': { 'zh-TW': '即將逾時', en: 'Your session is about to end' },
  'session.warningBody': {
    'zh-TW': '您已有一段時間沒有操作，為保護您的資料，系統將在 {seconds} 秒後結束這次使用。',
    en: 'You have been inactive for a while. To protect your data, this session ends in {seconds} seconds.',
  },
  'session.extend': { 'zh-TW': '繼續使用', en: 'Stay signed in' },
  'session.extended': { 'zh-TW': '已延長使用時間。', en: 'Your session has been extended.' },
  'session.expiredTitle': { 'zh-TW': '使用時間已結束', en: 'Your session has ended' },
  'session.expiredBody': {
    'zh-TW': '因為太久沒有操作，這次使用已經結束。請重新整理頁面；若已登入，請再次登入。',
    en: 'Because there was no activity for too long, this session has ended. Reload the page, and sign in again if you were signed in.',
  },

  // Login page
  'login.title': { 'zh-TW': '會員登入', en: 'Sign in' },
  'login.intro': {
    'zh-TW': '登入一次，即可使用各機關的線上服務。請選擇下列任一種方式登入。',
    en: 'Sign in once to use the online services of every participating agency. Choose one of the ways below.',
  },
  'login.account.heading': { 'zh-TW': '帳號登入', en: 'Account sign-in' },
  'login.account.name': { 'zh-TW': '帳號', en: 'Account' },
  'login.account.password': { 'zh-TW': '密碼', en: 'Password' },
  'login.account.submit': { 'zh-TW': '登入', en: 'Sign in' },
  'login.account.forgotPassword': { 'zh-TW': '忘記密碼', en: 'Forgot password' },
  'login.account.forgotAccount': { 'zh-TW': '忘記帳號', en: 'Forgot account name' },
  'login.account.register': { 'zh-TW': '加入會員', en: 'Register' },
  'login.social.heading': { 'zh-TW': '使用社群帳號登入', en: 'Sign in with a social account' },
  'login.social.google': { 'zh-TW': '使用 Google 帳號登入', en: 'Sign in with Google' },
  'login.social.facebook': { 'zh-TW': '使用 Facebook 帳號登入', en: 'Sign in with Facebook' },
  'login.card.heading': { 'zh-TW': '憑證登入', en: 'Certificate card sign-in' },
  'login.card.instruction': {
    'zh-TW': '請將自然人憑證插入讀卡機，再輸入卡片的 PIN 碼（6 至 8 位數字）。',
    en: 'Put your citizen digital certificate card in the reader, then type the card PIN (6 to 8 digits).',
  },
  'login.card.pin': { 'zh-TW': 'PIN 碼', en: 'PIN' },
  'login.card.pinHint': {
    'zh-TW': 'PIN 碼只會交給您電腦上的憑證元件，不會傳送到本網站。',
    en: 'The PIN goes only to the card component on your computer, never to this website.',
  },
  'login.card.submit': { 'zh-TW': '登入', en: 'Sign in' },
  'login.card.noteComponent': {
    'zh-TW': '請先安裝最新版的憑證元件（HiCOS 卡片管理工具或跨平臺網頁元件），舊版可能無法登入。',
    en: 'Install the latest card component (the HiCOS card utility or the cross-platform web component) first; older versions may fail.',
  },
  'login.card.notePin': {
    'zh-TW': '忘記 PIN 碼或卡片已被鎖住，請到發卡單位的網站辦理：',
    en: 'If you forgot the PIN or the card is locked, go to the issuing authority:',
  },
  'login.card.moica': { 'zh-TW': '自然人憑證', en: 'Citizen certificate (MOICA)' },
  'login.card.moeaca': { 'zh-TW': '工商憑證', en: 'Business certificate (MOEACA)' },
  'login.card.noteHelp': {
    'zh-TW': '安裝元件或登入時遇到其他問題，請看',
    en: 'For other problems installing the component or signing in, see',
  },
  'login.card.helpLink': { 'zh-TW': '常見問題', en: 'the help page' },
  'login.card.or': { 'zh-TW': '或', en: 'or' },
  'login.card.envCheckLink': { 'zh-TW': '環境檢測', en: 'the environment check' },
  'login.mobile.heading': { 'zh-TW': '行動自然人憑證登入', en: 'Mobile citizen certificate sign-in' },
  'login.mobile.instruction': {
    'zh-TW': '請先在手機安裝「行動自然人憑證」App，並完成與實體卡片的綁定。',
    en: 'Install the Mobile Citizen Certificate app on your phone and link it to your physical card first.',
  },
  'login.mobile.go': { 'zh-TW': '前往登入', en: 'Continue to sign in' },
  'login.mobile.verificationNote': {
    'zh-TW': '因內政部認證機制不同，本平臺的電子查驗服務目前只接受實體自然人憑證。',
    en: 'Because the ministry’s two certificates work differently, the electronic verification services here accept only the physical card for now.',
  },
  'login.manage.heading': { 'zh-TW': '會員帳號管理', en: 'Account management' },
  'login.manage.activate': { 'zh-TW': '以自然人憑證啟用帳號', en: 'Activate an account with the card' },
  'login.manage.activateText': {
    'zh-TW': '帳號還沒啟用或已被鎖定時，用您本人的自然人憑證即可立即啟用。',
    en: 'If your account is not yet active or is locked, your own citizen certificate card activates it at once.',
  },
  'login.manage.hint': { 'zh-TW': '以密碼提示問題重設密碼', en: 'Reset the password with the hint question' },
  'login.manage.hintText': {
    'zh-TW': '事先設定好密碼提示問題，忘記密碼時答對答案就能設定新密碼。',
    en: 'If you set a hint question beforehand, answering it correctly lets you choose a new password.',
  },
  'login.manage.card': { 'zh-TW': '以自然人憑證重設密碼', en: 'Reset the password with the card' },
  'login.manage.cardText': {
    'zh-TW': '忘記密碼時，用您本人的自然人憑證就能設定新密碼。',
    en: 'If you forgot your password, your own citizen certificate card lets you choose a new one.',
  },
  'login.problems.heading': { 'zh-TW': '帳號／憑證登入問題', en: 'Problems signing in' },
  'login.problems.text': {
    'zh-TW': '登入失敗、看到「憑證登入失敗，請插卡再試」或其他訊息時，請參考常見問題的處理步驟。',
    en: 'If sign-in fails, for example with “Card sign-in failed, insert the card and try again”, the help page walks you through what to do.',
  },
  'login.notEnabled': {
    'zh-TW': '此登入方式尚未在本伺服器啟用。',
    en: 'This way of signing in is not enabled on this server.',
  },
  'login.notEnabledShort': { 'zh-TW': '（本伺服器尚未啟用）', en: '(not enabled on this server)' },

  // Announcements
  'announcements.heading': { 'zh-TW': '最新公告', en: 'Announcements' },
  'announcements.none': { 'zh-TW': '目前沒有公告。', en: 'There are no announcements.' },
  'announcements.published': { 'zh-TW': '公告日期：{date}', en: 'Published: {date}' },

  // Pages that exist only as a notice until their issue lands
  'feature.notEnabledTitle': { 'zh-TW': '功能尚未啟用', en: 'Not enabled' },
  'feature.notEnabledBody': {
    'zh-TW': '「{feature}」尚未在本伺服器啟用，請改用其他方式，或洽詢本服務的管理單位。',
    en: '“{feature}” is not enabled on this server. Please use another way, or contact the operator of this service.',
  },
  'feature.backToLogin': { 'zh-TW': '回登入頁', en: 'Back to sign-in' },
  'feature.envCheck': { 'zh-TW': '環境檢測', en: 'Environment check' },

  // Site map
  'sitemap.title': { 'zh-TW': '網站導覽', en: 'Site map' },
  'sitemap.keysHeading': { 'zh-TW': '快速鍵', en: 'Access keys' },
  'sitemap.keysIntro': {
    'zh-TW': '本網站的頁面分為上、中、下三個區塊，每個區塊開頭都有「:::」定位點。可用下列快速鍵直接跳到該區塊（Windows 按 Alt，macOS 按 Control + Option，再加上字母）：',
    en: 'Every page has three regions, each starting with a “:::” anchor. These access keys jump straight to them (Alt on Windows, Control + Option on macOS, plus the letter):',
  },
  'sitemap.keyTop': { 'zh-TW': 'Alt+U：上方功能區塊，包含網站名稱與主要連結。', en: 'Alt+U: the top region, with the site name and main links.' },
  'sitemap.keyMain': { 'zh-TW': 'Alt+C：中央內容區塊，為本頁的主要內容。', en: 'Alt+C: the main region, with this page’s content.' },
  'sitemap.keyBottom': { 'zh-TW': 'Alt+Z：下方功能區塊，包含聯絡資訊與網站導覽。', en: 'Alt+Z: the bottom region, with contact details and the site map.' },
  'sitemap.pagesHeading': { 'zh-TW': '網站架構', en: 'Pages' },
  'sitemap.browserNote': {
    'zh-TW': '若要放大文字，請使用瀏覽器的縮放功能（Ctrl 加 + 號放大，Ctrl 加 - 號縮小）。',
    en: 'To make text larger, use your browser’s zoom (Ctrl and + to enlarge, Ctrl and - to reduce).',
  },

  // Help
  'help.title': { 'zh-TW': '常見問題', en: 'Help' },
  'help.cardFailed.q': {
    'zh-TW': '出現「憑證登入失敗，請插卡再試」時該怎麼辦？',
    en: 'What should I do when I see “Card sign-in failed, insert the card and try again”?',
  },
  'help.chrome.heading': { 'zh-TW': '在 Chrome 清除 Cookie', en: 'Clearing cookies in Chrome' },
  'help.chrome.1': {
    'zh-TW': '先關閉本網站的分頁，再重新開啟 Chrome，按右上角的「更多」（三個點）圖示。',
    en: 'Close this site’s tab, reopen Chrome and press the “More” (three dots) icon at the top right.',
  },
  'help.chrome.2': { 'zh-TW': '在選單中選擇「設定」。', en: 'Choose “Settings”.' },
  'help.chrome.3': {
    'zh-TW': '在「隱私權和安全性」中選「清除瀏覽資料」，時間範圍選「不限時間」，勾選「Cookie 和其他網站資料」，再按「清除資料」。',
    en: 'Under “Privacy and security” choose “Delete browsing data”, set the time range to “All time”, tick “Cookies and other site data” and press “Delete data”.',
  },
  'help.chrome.4': {
    'zh-TW': '清除期間畫面會出現轉圈圖示；完成後請關閉 Chrome，再重新開啟並回到本網站。',
    en: 'A spinning circle shows while it works; when it is done, close Chrome, open it again and come back to this site.',
  },
  'help.edge.heading': { 'zh-TW': '在 Edge 清除 Cookie', en: 'Clearing cookies in Edge' },
  'help.edge.1': {
    'zh-TW': '先關閉本網站的分頁，再重新開啟 Edge，按右上角的「更多」圖示，在「歷程記錄」中選「清除瀏覽資料」。',
    en: 'Close this site’s tab, reopen Edge, press the “More” icon at the top right and, under “History”, choose “Delete browsing data”.',
  },
  'help.edge.2': {
    'zh-TW': '時間範圍選「所有時間」，勾選「Cookie 與其他網站資料」，再按「立即清除」。',
    en: 'Set the time range to “All time”, tick “Cookies and other site data” and press “Clear now”.',
  },
  'help.edge.3': {
    'zh-TW': '完成後請關閉 Edge，再重新開啟並回到本網站。',
    en: 'When it is done, close Edge, open it again and come back to this site.',
  },
  'help.contact.heading': { 'zh-TW': '客服資訊', en: 'Helpdesks' },
  'help.contact.text': {
    'zh-TW': '安裝 HiCOS 元件或跨平臺網頁元件時發生錯誤，請洽您所用憑證的客服：自然人憑證 0800-080-117；工商憑證 (02) 412-1166。',
    en: 'For errors while installing the HiCOS or cross-platform web component, call the helpdesk of your certificate: citizen certificate 0800-080-117; business certificate (02) 412-1166.',
  },


  // Registration (加入會員)
  'register.title': { 'zh-TW': '加入會員', en: 'Register' },
  'register.intro': {
    'zh-TW': '請填寫下列資料。送出後，我們會寄一封啟用信到您的電子郵件，點選信中的連結後帳號才能使用。',
    en: 'Fill in the form below. We will then e-mail you an activation link; the account can be used once you follow it.',
  },
  'register.accountName': { 'zh-TW': '帳號', en: 'Account name' },
  'register.accountNameHint': {
    'zh-TW': '4 至 30 個字元，可用英文字母、數字及 . _ -，須以字母或數字開頭；不分大小寫。',
    en: '4 to 30 characters: letters, digits and . _ -, starting with a letter or digit; not case-sensitive.',
  },
  'register.password': { 'zh-TW': '密碼', en: 'Password' },
  'register.passwordHint': {
    'zh-TW': '至少 {min} 個字元，最多 128 個字元。建議使用一句好記的長句子；不可包含帳號，也不可使用常見密碼。',
    en: 'At least {min} and at most 128 characters. A long sentence you can remember works well; it may not contain the account name or be a commonly used password.',
  },
  'register.passwordConfirm': { 'zh-TW': '確認密碼', en: 'Confirm password' },
  'register.name': { 'zh-TW': '姓名', en: 'Full name' },
  'register.nameHint': { 'zh-TW': '請填寫與身分證件相同的姓名。', en: 'As on your identity document.' },
  'register.idNumber': { 'zh-TW': '身分證統一編號', en: 'National ID number' },
  'register.idNumberHint': {
    'zh-TW': '國民身分證統一編號，或新式居留證統一證號（例：A123456789）。',
    en: 'Your national ID number, or the new-format resident certificate number (e.g. A123456789).',
  },
  'register.email': { 'zh-TW': '電子郵件', en: 'E-mail address' },
  'register.privacyHeading': { 'zh-TW': '個人資料蒐集告知', en: 'Notice on the collection of personal data' },
  'register.privacyText': {
    'zh-TW': '依個人資料保護法第8條，本平臺為提供身分驗證與單一登入服務（特定目的：資通安全與管理、其他行政服務），蒐集您的姓名、身分證統一編號、電子郵件及登入紀錄。資料僅於服務期間內、在中華民國境內，供本平臺及您同意授權的機關使用。您可依同法第3條請求查詢、閱覽、補充、更正、停止使用或刪除；您可以不提供資料，但將無法註冊會員。',
    en: 'Under Article 8 of the Personal Data Protection Act, this platform collects your name, national ID number, e-mail address and sign-in records to verify who you are and provide single sign-on (purposes: information security management and other administrative services). The data is used only while you use the service, within the Republic of China (Taiwan), by this platform and the agencies you authorise. Under Article 3 you may ask to see, copy, complete, correct, stop the use of or delete it; you may decline to give it, but you cannot then register.',
  },
  'register.consent': {
    'zh-TW': '我已閱讀並同意上述個人資料蒐集告知、隱私權政策及服務條款。',
    en: 'I have read and agree to the notice above, the privacy policy and the terms of service.',
  },
  'register.submit': { 'zh-TW': '送出', en: 'Register' },
  'register.errorSummary': { 'zh-TW': '資料有誤，請修正下列欄位：', en: 'Please correct the following:' },
  'register.doneTitle': { 'zh-TW': '請收信啟用帳號', en: 'Check your e-mail' },
  'register.doneBody': {
    'zh-TW': '我們已寄出一封啟用信到 {email}。請在 24 小時內點選信中的連結以啟用帳號。若沒有收到，請檢查垃圾郵件匣，或稍後在登入頁以帳號密碼登入，依畫面指示重新寄送。',
    en: 'We have sent an activation e-mail to {email}. Follow its link within 24 hours to activate the account. If it does not arrive, check your spam folder, or sign in on the login page later and ask for it again.',
  },

  // Activation
  'activate.title': { 'zh-TW': '啟用帳號', en: 'Activate your account' },
  'activate.confirm': {
    'zh-TW': '請按下方按鈕完成帳號啟用。',
    en: 'Press the button below to activate your account.',
  },
  'activate.submit': { 'zh-TW': '啟用帳號', en: 'Activate account' },
  'activate.doneTitle': { 'zh-TW': '帳號已啟用', en: 'Account activated' },
  'activate.doneBody': { 'zh-TW': '您的帳號已經可以使用，請回登入頁登入。', en: 'Your account is ready. Sign in on the login page.' },
  'activate.pendingTitle': { 'zh-TW': '帳號尚未啟用', en: 'Account not yet activated' },
  'activate.pendingBody': {
    'zh-TW': '帳號與密碼正確，但帳號還沒有啟用。請點選啟用信中的連結；若找不到信件或連結已過期，可以重新寄送。',
    en: 'The account name and password are right, but the account is not yet activated. Follow the link in the activation e-mail; if you cannot find it or it has expired, we can send it again.',
  },
  'activate.resend': { 'zh-TW': '重新寄送啟用信', en: 'Send the activation e-mail again' },
  'activate.resentBody': {
    'zh-TW': '已重新寄出啟用信，請在 24 小時內點選信中的連結。',
    en: 'We have sent the activation e-mail again. Follow its link within 24 hours.',
  },
  'activate.resendTooSoon': {
    'zh-TW': '啟用信在一分鐘內剛寄出過，這次沒有再寄。請先查看信箱（包括垃圾郵件匣），稍候再試。',
    en: 'An activation e-mail was sent less than a minute ago, so none was sent this time. Check your inbox (and spam folder) first, and try again shortly.',
  },
  'mail.activate.subject': { 'zh-TW': '【門戶】請啟用您的帳號', en: '[Menhu] Activate your account' },
  'mail.activate.body': {
    'zh-TW': '{name} 您好：\n\n感謝您加入門戶會員（帳號：{account}）。請在 24 小時內開啟下列連結並按「啟用帳號」：\n\n{link}\n\n如果您沒有申請，請忽略這封信，帳號不會被啟用。\n\n門戶 敬上（本信由系統自動寄出，請勿直接回覆）',
    en: 'Dear {name},\n\nThank you for registering with Menhu (account: {account}). Within 24 hours, open this link and press “Activate account”:\n\n{link}\n\nIf you did not register, ignore this e-mail and the account will not be activated.\n\nMenhu (automatic message; please do not reply)',
  },
  'mail.emailTaken.subject': { 'zh-TW': '【門戶】有人以您的電子郵件申請帳號', en: '[Menhu] Someone registered with your e-mail address' },
  'mail.emailTaken.body': {
    'zh-TW': '您好：\n\n剛才有人以這個電子郵件地址申請新的門戶帳號，但這個地址已經用於現有的帳號，因此沒有建立新帳號。\n\n如果是您本人，您已經有帳號了：忘記帳號或密碼時，請到登入頁使用「忘記帳號」或「忘記密碼」。\n如果不是您，請忽略這封信，您的帳號沒有任何改變。\n\n門戶 敬上（本信由系統自動寄出，請勿直接回覆）',
    en: 'Hello,\n\nSomeone just asked for a new Menhu account with this e-mail address. The address already belongs to an account, so no new account was created.\n\nIf it was you, you already have an account: use “Forgot account name” or “Forgot password” on the login page.\nIf it was not you, ignore this e-mail; nothing about your account has changed.\n\nMenhu (automatic message; please do not reply)',
  },

  // Signed in: 我的帳戶
  'account.title': { 'zh-TW': '我的帳戶', en: 'My account' },
  'account.accountName': { 'zh-TW': '帳號', en: 'Account name' },
  'account.name': { 'zh-TW': '姓名', en: 'Name' },
  'account.idNumber': { 'zh-TW': '身分證統一編號', en: 'National ID number' },
  'account.idVerified': { 'zh-TW': '已由自然人憑證驗證', en: 'verified with the citizen certificate card' },
  'account.idUnverified': { 'zh-TW': '未驗證，僅為註冊時填寫', en: 'not verified, as typed at registration' },
  'account.email': { 'zh-TW': '電子郵件', en: 'E-mail address' },
  'account.signedInWith': { 'zh-TW': '本次登入方式', en: 'Signed in with' },
  'account.signedInAt': { 'zh-TW': '本次登入時間', en: 'Signed in at' },
  'account.previousSignIn': { 'zh-TW': '上次登入', en: 'Previous sign-in' },
  'account.previousNone': { 'zh-TW': '這是第一次登入', en: 'This is the first sign-in' },
  'account.assurance': { 'zh-TW': '身分確認等級', en: 'Assurance level' },
  'account.signOut': { 'zh-TW': '登出', en: 'Sign out' },
  'amr.pwd': { 'zh-TW': '帳號密碼', en: 'account and password' },
  'amr.fed': { 'zh-TW': '社群帳號', en: 'social account' },
  'amr.otp': { 'zh-TW': '動態密碼（TOTP）', en: 'one-time code (TOTP)' },
  'amr.sc': { 'zh-TW': '自然人憑證卡片', en: 'citizen certificate card' },
  'amr.mca': { 'zh-TW': '行動自然人憑證', en: 'mobile citizen certificate' },
  'acr.low': { 'zh-TW': '低（帳號密碼）', en: 'low (password)' },
  'acr.substantial': { 'zh-TW': '中（兩階段驗證或行動自然人憑證）', en: 'substantial (two-step or mobile certificate)' },
  'acr.high': { 'zh-TW': '高（自然人憑證卡片）', en: 'high (certificate card)' },
  'logout.done': { 'zh-TW': '您已登出。', en: 'You have signed out.' },

  // Account and password errors
  ERR_LOGIN_FAILED: { 'zh-TW': '帳號或密碼錯誤。', en: 'The account name or password is wrong.' },
  ERR_LOGIN_LOCKED: {
    'zh-TW': '鎖定：此帳號因密碼錯誤次數過多，暫停以密碼登入，請於 {minutes} 分鐘後再試。',
    en: 'Locked: too many wrong passwords for this account, so password sign-in is paused. Try again in {minutes} minutes.',
  },
  'login.lockedCardHint': {
    'zh-TW': '使用「以自然人憑證啟用帳號」可立即解除鎖定。',
    en: '“Activate an account with the card” unlocks it at once.',
  },
  ERR_ACCOUNT_DISABLED: {
    'zh-TW': '此帳號已停用，請洽本服務的管理單位。',
    en: 'This account has been disabled. Please contact the operator of this service.',
  },
  ERR_ACCOUNT_NAME_LENGTH: { 'zh-TW': '帳號須為 4 至 30 個字元。', en: 'The account name must be 4 to 30 characters.' },
  ERR_ACCOUNT_NAME_CHARS: {
    'zh-TW': '帳號只能使用英文字母、數字及 . _ -，並以字母或數字開頭。',
    en: 'The account name may use only letters, digits and . _ -, and must start with a letter or digit.',
  },
  ERR_ACCOUNT_NAME_TAKEN: { 'zh-TW': '這個帳號已有人使用，請換一個。', en: 'That account name is taken; please choose another.' },
  ERR_PASSWORD_TOO_SHORT: { 'zh-TW': '密碼至少需要 {min} 個字元。', en: 'The password must be at least {min} characters.' },
  ERR_PASSWORD_TOO_LONG: { 'zh-TW': '密碼最多 128 個字元。', en: 'The password may be at most 128 characters.' },
  ERR_PASSWORD_COMMON: {
    'zh-TW': '這個密碼太常見，容易被猜中，請換一個。',
    en: 'That password is too common and easy to guess; please choose another.',
  },
  ERR_PASSWORD_CONTAINS_ACCOUNT: { 'zh-TW': '密碼不可包含帳號。', en: 'The password may not contain the account name.' },
  ERR_PASSWORD_MISMATCH: { 'zh-TW': '兩次輸入的密碼不一致。', en: 'The two passwords do not match.' },
  ERR_NAME_INVALID: { 'zh-TW': '姓名長度須為 1 至 50 個字。', en: 'The name must be 1 to 50 characters.' },
  ERR_ID_FORMAT: {
    'zh-TW': '身分證統一編號格式不正確：應為 1 個英文字母加 9 個數字。',
    en: 'The ID number is not in the right form: one letter followed by nine digits.',
  },
  ERR_ID_CHECKSUM: {
    'zh-TW': '身分證統一編號的檢查碼不符，請確認是否輸入錯誤。',
    en: 'The ID number’s check digit does not match; please check for a typing error.',
  },
  ERR_EMAIL_INVALID: { 'zh-TW': '電子郵件格式不正確。', en: 'The e-mail address is not valid.' },
  ERR_CONSENT_REQUIRED: {
    'zh-TW': '請閱讀並勾選同意個人資料蒐集告知，才能註冊。',
    en: 'Please read and accept the notice on personal data to register.',
  },
  ERR_LINK_INVALID: {
    'zh-TW': '這個連結已失效（已使用過、已過期或不完整）。若帳號尚未啟用，請以帳號密碼登入後重新寄送啟用信。',
    en: 'This link no longer works (it was used, has expired or is incomplete). If the account is not yet active, sign in with its password to get a new link.',
  },
  ERR_SIGNIN_REQUIRED: { 'zh-TW': '請先登入。', en: 'Please sign in first.' },


  // Card login verification (packages/pki error codes)
  ERR_PKI_MALFORMED: {
    'zh-TW': '收到的憑證或簽章資料格式不正確，無法驗證。請重新登入一次；若仍失敗，請更新憑證元件。',
    en: 'The certificate or signature data received is malformed and cannot be checked. Try signing in again; if it still fails, update the card component.',
  },
  ERR_PKI_INPUT_TOO_LARGE: {
    'zh-TW': '收到的憑證或簽章資料過大，無法驗證。',
    en: 'The certificate or signature data received is too large to check.',
  },
  ERR_PKI_UNSUPPORTED_ALGORITHM: {
    'zh-TW': '這張卡片使用的簽章演算法本平臺不支援。',
    en: 'This card uses a signature algorithm the platform does not support.',
  },
  ERR_PKI_BAD_SIGNATURE: {
    'zh-TW': '簽章驗證失敗：簽章與憑證不符。請重新登入一次。',
    en: 'The signature does not match the certificate. Please sign in again.',
  },
  ERR_PKI_CHALLENGE_MISMATCH: {
    'zh-TW': '簽章內容不是本次登入的驗證資料，請重新整理頁面後再登入。',
    en: 'What was signed is not this sign-in’s challenge. Reload the page and sign in again.',
  },
  ERR_PKI_NONCE_MISMATCH: {
    'zh-TW': '簽章中的隨機碼與本次登入不符，請重新整理頁面後再登入。',
    en: 'The signed nonce does not belong to this sign-in. Reload the page and sign in again.',
  },
  ERR_PKI_ORIGIN_MISMATCH: {
    'zh-TW': '這個簽章是為其他網站產生的，為保護您的帳號，本平臺拒絕使用。請直接在本平臺的網址登入。',
    en: 'This signature was made for another website, so the platform refuses it to protect your account. Sign in directly at this platform’s address.',
  },
  ERR_PKI_CARD_SERIAL_MISMATCH: {
    'zh-TW': '簽章中的卡號與送出的卡號不符。',
    en: 'The card number in the signature does not match the one sent.',
  },
  ERR_PKI_CERT_EXPIRED: {
    'zh-TW': '您的憑證已過期，請向發卡單位申請展期或換發新卡。',
    en: 'Your certificate has expired. Ask the issuing authority to renew it or issue a new card.',
  },
  ERR_PKI_CERT_NOT_YET_VALID: {
    'zh-TW': '您的憑證尚未生效，請確認電腦的日期與時間是否正確。',
    en: 'Your certificate is not valid yet. Check that your computer’s date and time are right.',
  },
  ERR_PKI_UNTRUSTED_ISSUER: {
    'zh-TW': '這張憑證不是由本平臺信任的憑證機構所簽發。',
    en: 'This certificate was not issued by a certification authority the platform trusts.',
  },
  ERR_PKI_INVALID_CA: {
    'zh-TW': '簽發這張憑證的憑證機構資料不符合規範，無法信任。',
    en: 'The authority that issued this certificate does not meet the rules for a certification authority, so it cannot be trusted.',
  },
  ERR_PKI_UNKNOWN_CRITICAL_EXTENSION: {
    'zh-TW': '憑證含有本平臺無法辨識的必要欄位，無法使用。',
    en: 'The certificate has a critical field the platform does not understand, so it cannot be used.',
  },
  ERR_PKI_WRONG_PURPOSE: {
    'zh-TW': '這張憑證不能用於登入（用途不符）。',
    en: 'This certificate may not be used for signing in (wrong purpose).',
  },
  ERR_PKI_POLICY_DISALLOWED: {
    'zh-TW': '這張憑證的憑證政策不適用於本平臺的登入。',
    en: 'This certificate’s policy does not allow signing in to this platform.',
  },
  ERR_PKI_REVOKED: {
    'zh-TW': '您的憑證已被廢止或停用，請洽發卡單位。',
    en: 'Your certificate has been revoked or suspended. Please contact the issuing authority.',
  },
  ERR_PKI_REVOCATION_UNAVAILABLE: {
    'zh-TW': '暫時無法向憑證機構確認憑證狀態，為了安全，這次登入不予通過。請稍後再試。',
    en: 'The certificate’s status cannot be confirmed with the authority right now, so for safety this sign-in is refused. Please try again later.',
  },

  // Card login: binding a first card, and its own refusals
  'card.pinFormat': { 'zh-TW': 'PIN 碼應為 6 至 8 位數字。', en: 'The PIN is 6 to 8 digits.' },
  'card.working': {
    'zh-TW': '正在與憑證元件連線，請在元件視窗中確認……',
    en: 'Talking to the card component; confirm in its window if it asks…',
  },
  'cardbind.title': { 'zh-TW': '綁定自然人憑證', en: 'Link your citizen certificate card' },
  'cardbind.intro': {
    'zh-TW': '這張憑證還沒有綁定門戶帳號。請輸入您現有帳號的帳號與密碼，將憑證綁定到該帳號；綁定後，身分證統一編號即由憑證驗證，日後可直接用這張卡片登入。',
    en: 'This certificate is not linked to a Menhu account yet. Enter the name and password of your existing account to link the card to it; the ID number is then verified by the card, and you can sign in with the card from now on.',
  },
  'cardbind.card': { 'zh-TW': '憑證持有人：{name}（身分證末四碼 {last4}），有效至 {notAfter}', en: 'Card holder: {name} (ID ending {last4}), valid until {notAfter}' },
  'cardbind.submit': { 'zh-TW': '綁定並登入', en: 'Link and sign in' },
  'cardbind.noAccount': {
    'zh-TW': '還沒有帳號？不必另外申請，可以直接用這張憑證加入會員：',
    en: 'No account yet? You can register with this card directly:',
  },
  'mail.cardBound.subject': { 'zh-TW': '【門戶】您的帳號已綁定自然人憑證', en: '[Menhu] A citizen certificate card was linked to your account' },
  'mail.cardBound.body': {
    'zh-TW': '{name} 您好：\n\n您的門戶帳號（{account}）剛剛綁定了一張自然人憑證，身分證統一編號已由憑證驗證，其他裝置上的登入已全部結束。\n\n如果這不是您本人所做，請立即洽詢本服務的管理單位。\n\n門戶 敬上（本信由系統自動寄出，請勿直接回覆）',
    en: 'Dear {name},\n\nA citizen certificate card was just linked to your Menhu account ({account}). Your ID number is now verified by the card, and every other sign-in of the account has been ended.\n\nIf this was not you, contact the operator of this service at once.\n\nMenhu (automatic message; please do not reply)',
  },
  ERR_CARD_CHALLENGE: {
    'zh-TW': '這次登入的驗證資料已失效（超過 5 分鐘或已使用過），請重新整理頁面後再登入。',
    en: 'This sign-in’s challenge is no longer valid (older than 5 minutes, or already used). Reload the page and sign in again.',
  },
  ERR_CARD_WRONG_KIND: {
    'zh-TW': '您使用的是{used}，這裡需要使用{needed}。',
    en: 'You used a {used}; here you need a {needed}.',
  },
  ERR_CARD_MISMATCH: {
    'zh-TW': '憑證上的姓名或身分證末四碼與這個帳號的資料不符，無法綁定。',
    en: 'The name or the last four ID digits on the card do not match this account, so the card cannot be linked.',
  },
  ERR_CARD_BOUND_ELSEWHERE: { 'zh-TW': '這張憑證已綁定其他帳號。', en: 'This card is already linked to another account.' },
  'cardkind.business': { 'zh-TW': '工商憑證', en: 'business certificate' },
  'cardkind.agency': { 'zh-TW': '政府機關憑證', en: 'government agency certificate' },
  'cardkind.unknown': { 'zh-TW': '其他憑證', en: 'other certificate' },
  'account.cards': { 'zh-TW': '已綁定的憑證', en: 'Linked cards' },
  'account.cardItem': { 'zh-TW': '{name}，有效至 {notAfter}', en: '{name}, valid until {notAfter}' },
  'account.noCards': { 'zh-TW': '尚未綁定憑證', en: 'No card linked' },

  // Account services with the card
  'cardservice.activateTitle': { 'zh-TW': '以自然人憑證啟用帳號', en: 'Activate an account with the card' },
  'cardservice.activateIntro': {
    'zh-TW': '輸入帳號，再用您本人的自然人憑證確認身分：帳號若尚未啟用會立即啟用，若因密碼錯誤被鎖定也會立即解除。',
    en: 'Enter the account name, then confirm who you are with your own citizen certificate card: a not-yet-active account is activated, and a password lock is lifted, at once.',
  },
  'cardservice.resetTitle': { 'zh-TW': '以自然人憑證重設密碼', en: 'Reset the password with the card' },
  'cardservice.resetIntro': {
    'zh-TW': '輸入帳號與新密碼，再用您本人的自然人憑證確認身分，即可設定新密碼。其他裝置上的登入會全部結束。',
    en: 'Enter the account name and a new password, then confirm who you are with your own citizen certificate card. Every other sign-in of the account ends.',
  },
  'cardservice.newPassword': { 'zh-TW': '新密碼', en: 'New password' },
  'cardservice.newPasswordConfirm': { 'zh-TW': '確認新密碼', en: 'Confirm the new password' },
  'cardservice.confirmWithCard': { 'zh-TW': '以憑證確認', en: 'Confirm with the card' },
  'cardservice.activated': { 'zh-TW': '帳號已啟用，鎖定也已解除，請登入。', en: 'The account is active and unlocked. Please sign in.' },
  'cardservice.reset': { 'zh-TW': '密碼已重設，請用新密碼登入。', en: 'The password has been reset. Sign in with the new password.' },

  // Errors (codes)
  'error.title': { 'zh-TW': '發生錯誤', en: 'Something went wrong' },
  'error.back': { 'zh-TW': '回首頁', en: 'Back to the home page' },
  'error.reference': { 'zh-TW': '如需協助，請提供此代碼：{id}', en: 'If you contact us, quote this reference: {id}' },
  ERR_NOT_FOUND: { 'zh-TW': '找不到您要的網頁，網址可能有誤或網頁已移除。', en: 'The page you asked for does not exist. The address may be wrong, or the page was removed.' },
  ERR_CSRF: {
    'zh-TW': '表單已失效（可能停留太久或在其他視窗操作過），資料未送出。請重新整理頁面後再送出一次。',
    en: 'The form is no longer valid (it may have been open too long, or used in another window), and nothing was sent. Reload the page and submit it again.',
  },
  ERR_BODY_TOO_LARGE: { 'zh-TW': '送出的資料太大，系統無法處理。', en: 'What you sent is too large for the system to process.' },
  ERR_FIELD_TOO_LONG: {
    'zh-TW': '「{field}」的內容太長，最多 {max} 個字。資料未送出。',
    en: 'The “{field}” field is too long: at most {max} characters. Nothing was sent.',
  },
  ERR_BAD_REQUEST: { 'zh-TW': '送出的資料格式不正確，請回上一頁重新操作。', en: 'The request was not in a form the system understands. Go back and try again.' },
  ERR_METHOD_NOT_ALLOWED: { 'zh-TW': '這個網址不接受此種操作。', en: 'This address does not accept that kind of request.' },
  ERR_UNSUPPORTED_MEDIA: { 'zh-TW': '送出的資料格式不受支援。', en: 'The format of what you sent is not supported.' },
  ERR_RATE_LIMITED: {
    'zh-TW': '短時間內的操作次數過多，請稍候 {seconds} 秒再試。',
    en: 'Too many requests in a short time. Please wait {seconds} seconds and try again.',
  },
  ERR_SESSION_EXPIRED: {
    'zh-TW': '使用時間已結束，請重新整理頁面後再試。',
    en: 'Your session has ended. Reload the page and try again.',
  },
  ERR_NOT_ENABLED: { 'zh-TW': '此功能尚未在本伺服器啟用。', en: 'This function is not enabled on this server.' },
  ERR_INTERNAL: {
    'zh-TW': '系統暫時無法處理您的要求，請稍後再試。',
    en: 'The system cannot handle your request right now. Please try again later.',
  },
  ERR_UNAVAILABLE: {
    'zh-TW': '系統暫時無法服務，請稍後再試。',
    en: 'The service is temporarily unavailable. Please try again later.',
  },
  ...cardMessages,
  ...cardAccountMessages,
  ...settingsMessages,
  ...totpMessages,
  ...oidcMessages,
  ...envCheckMessages,
  ...recoveryMessages,
} as const satisfies Record<string, Entry>;

export type MessageKey = keyof typeof catalogue;

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(catalogue, key);
}

/** All keys, for tests that check the catalogue is complete. */
export const MESSAGE_KEYS = Object.keys(catalogue) as MessageKey[];

/** The text of `key` in `lang`, with {placeholders} filled from `params`. Unknown placeholders stay visible. */
export function t(lang: Lang, key: MessageKey, params?: Readonly<Record<string, string | number>>): string {
  const text: string = catalogue[key][lang];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}
