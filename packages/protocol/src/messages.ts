/**
 * The message catalogue: every text a person reads, in Traditional Chinese and English. Error codes are keys
 * here too, so an error always has words in both languages. Placeholders are written {name}.
 */
import type { Lang } from './lang';

type Entry = Readonly<Record<Lang, string>>;

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
  'announcements.published': { 'zh-TW': '公告日期', en: 'Published' },

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
  'help.cardFailed.step1': {
    'zh-TW': '第一步：請使用最新版的 Chrome 或 Edge 瀏覽器。本平臺以這兩種瀏覽器測試，其他或較舊的瀏覽器可能無法和憑證元件溝通。',
    en: 'Step 1: use a current version of Chrome or Edge. The platform is tested with these two; other or older browsers may fail to talk to the card component.',
  },
  'help.cardFailed.step2': {
    'zh-TW': '第二步：若您剛才使用的是行動自然人憑證，請改用實體自然人憑證卡片。接著清除本網站的 Cookie、關閉所有瀏覽器視窗，重新開啟瀏覽器後，插入卡片、輸入正確的 PIN 碼再按「登入」。',
    en: 'Step 2: if you were using the mobile citizen certificate, use the physical card instead. Then clear this site’s cookies, close every browser window, open the browser again, insert the card, type the correct PIN and press “Sign in”.',
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
