/** Messages of the environment check page (環境檢測, issue 6). Merged into the catalogue in messages.ts. */
import type { Lang } from './lang';

type Entry = Readonly<Record<Lang, string>>;

export const envCheckMessages = {
  'envcheck.title': { 'zh-TW': '環境檢測', en: 'Environment check' },
  'envcheck.intro': {
    'zh-TW': '這裡會檢查您的電腦與瀏覽器是否已經可以用晶片卡登入。檢測不需要輸入 PIN 碼，也不會用卡片簽章。',
    en: 'This page checks whether your computer and browser are ready for card sign-in. It never asks for your PIN and signs nothing with your card.',
  },
  'envcheck.noscript': {
    'zh-TW': '環境檢測要在瀏覽器中執行，必須開啟 JavaScript。請開啟 JavaScript 後重新載入本頁。',
    en: 'The environment check runs in your browser and needs JavaScript. Turn JavaScript on and reload this page.',
  },
  'envcheck.popupNote': {
    'zh-TW': '按下「開始檢測」後，會開啟一個小視窗連到您電腦上的憑證元件，檢查完會自動關閉。',
    en: 'When you press "Start the check", a small window opens to the signing component on your computer and closes by itself when done.',
  },
  'envcheck.start': { 'zh-TW': '開始檢測', en: 'Start the check' },
  'envcheck.again': { 'zh-TW': '重新檢測', en: 'Check again' },
  'envcheck.resultsHeading': { 'zh-TW': '檢測結果', en: 'Results' },
  'envcheck.progress.running': { 'zh-TW': '檢測中，請稍候…', en: 'Checking, please wait…' },
  'envcheck.progress.component': {
    'zh-TW': '正在等待憑證元件回應…',
    en: 'Waiting for the signing component to answer…',
  },
  'envcheck.progress.done': {
    'zh-TW': '檢測完成：{problems} 項需要處理，{warnings} 項請留意。',
    en: 'Check finished: {problems} to fix, {warnings} to note.',
  },

  // The state of one check: shown as words and a sign, never by colour alone.
  'envcheck.state.pending': { 'zh-TW': '尚未檢測', en: 'Not checked yet' },
  'envcheck.state.pass': { 'zh-TW': '正常', en: 'OK' },
  'envcheck.state.warn': { 'zh-TW': '請留意', en: 'Note' },
  'envcheck.state.fail': { 'zh-TW': '需要處理', en: 'Needs fixing' },
  'envcheck.state.skip': { 'zh-TW': '無法檢測', en: 'Could not check' },

  'envcheck.browser.heading': { 'zh-TW': '瀏覽器', en: 'Browser' },
  'envcheck.browser.supported': {
    'zh-TW': '{browser} {version} 版，是本站支援的瀏覽器。',
    en: '{browser} version {version}, a supported browser.',
  },
  'envcheck.browser.outdated': {
    'zh-TW': '{browser} {version} 版已經不是最新版本，請更新瀏覽器後再使用憑證登入。',
    en: '{browser} version {version} is out of date. Update your browser before signing in with a card.',
  },
  'envcheck.browser.other': {
    'zh-TW': '{browser} {version} 版：本站以最新版的 Chrome 與 Edge 測試，其他瀏覽器不一定能使用憑證登入。',
    en: '{browser} version {version}: this site is tested with current Chrome and Edge; card sign-in may not work in other browsers.',
  },
  'envcheck.browser.unknown': { 'zh-TW': '無法辨識的瀏覽器', en: 'an unrecognised browser' },

  'envcheck.cookies.heading': { 'zh-TW': 'Cookie', en: 'Cookies' },
  'envcheck.cookies.on': { 'zh-TW': 'Cookie 已開啟。', en: 'Cookies are on.' },
  'envcheck.cookies.off': {
    'zh-TW': '瀏覽器封鎖了本站的 Cookie，登入後無法保持登入狀態。請允許本站使用 Cookie。',
    en: 'Your browser blocks cookies from this site, so a sign-in cannot last. Allow cookies for this site.',
  },
  'envcheck.help.cookiesChrome': { 'zh-TW': '在 Chrome 允許 Cookie 的步驟', en: 'How to allow cookies in Chrome' },
  'envcheck.help.cookiesEdge': { 'zh-TW': '在 Edge 允許 Cookie 的步驟', en: 'How to allow cookies in Edge' },

  'envcheck.popups.heading': { 'zh-TW': '彈出式視窗', en: 'Pop-up windows' },
  'envcheck.popups.allowed': { 'zh-TW': '本站可以開啟彈出式視窗。', en: 'This site may open pop-up windows.' },
  'envcheck.popups.blocked': {
    'zh-TW': '瀏覽器擋下了連到憑證元件的小視窗。請在網址列的提示中允許本站開啟彈出式視窗，再檢測一次。',
    en: 'Your browser blocked the small window to the signing component. Allow pop-ups for this site (see the notice in the address bar), then check again.',
  },

  'envcheck.component.heading': { 'zh-TW': '憑證元件', en: 'Signing component' },
  'envcheck.component.running': {
    'zh-TW': '憑證元件已安裝並正在執行（{origin}）。',
    en: 'The signing component is installed and running ({origin}).',
  },
  'envcheck.component.missing': {
    'zh-TW': '沒有收到憑證元件的回應：元件可能沒有安裝，或沒有啟動。',
    en: 'The signing component did not answer: it may not be installed, or not started.',
  },
  'envcheck.component.failed': {
    'zh-TW': '憑證元件回覆了錯誤（代碼 {code}）。請重新啟動元件後再檢測一次。',
    en: 'The signing component answered with an error (code {code}). Restart it and check again.',
  },
  'envcheck.component.noAnswer': {
    'zh-TW': '憑證元件有開啟，但沒有回覆檢測結果。請重新啟動元件後再檢測一次。',
    en: 'The signing component opened but sent no result. Restart it and check again.',
  },
  'envcheck.help.install': { 'zh-TW': '安裝與啟動憑證元件', en: 'Installing and starting the signing component' },

  'envcheck.version.heading': { 'zh-TW': '元件版本', en: 'Component version' },
  'envcheck.version.value': { 'zh-TW': '版本：{version}', en: 'Version: {version}' },
  'envcheck.version.unknown': { 'zh-TW': '元件沒有告知版本。', en: 'The component did not say its version.' },

  'envcheck.readers.heading': { 'zh-TW': '讀卡機', en: 'Card readers' },
  'envcheck.readers.found': { 'zh-TW': '找到 {count} 台讀卡機：{names}', en: '{count} reader(s) found: {names}' },
  'envcheck.readers.none': {
    'zh-TW': '找不到讀卡機。請確認讀卡機已接上電腦，並已安裝驅動程式。',
    en: 'No card reader was found. Check that the reader is plugged in and its driver is installed.',
  },

  'envcheck.card.heading': { 'zh-TW': '晶片卡', en: 'Card' },
  'envcheck.card.present': { 'zh-TW': '讀卡機中有卡片：{card}', en: 'A card is in the reader: {card}' },
  'envcheck.card.absent': {
    'zh-TW': '讀卡機中沒有卡片。請把卡片晶片朝上插入讀卡機後再檢測一次。',
    en: 'There is no card in the reader. Insert the card, chip first, and check again.',
  },
  'envcheck.card.lockNote': {
    'zh-TW': '檢測不使用 PIN 碼，所以看不出卡片是否已被鎖住；登入時若出現 PIN 碼錯誤或鎖卡的訊息，請見下方說明。',
    en: 'The check uses no PIN, so it cannot tell whether the card is locked; if sign-in reports a wrong PIN or a locked card, see the help below.',
  },
  'envcheck.help.card': { 'zh-TW': '插卡後仍無法登入時的處理步驟', en: 'What to do when the card is not read' },
  'envcheck.help.locked': { 'zh-TW': '忘記 PIN 碼或卡片被鎖住', en: 'Forgotten PIN or locked card' },
  'envcheck.help.clock': { 'zh-TW': '校正電腦時間的步驟', en: 'How to set the computer’s clock right' },

  'envcheck.certs.heading': { 'zh-TW': '卡片憑證', en: 'Certificates on the card' },
  'envcheck.certs.item': { 'zh-TW': '{subject}：有效至 {date}', en: '{subject}: valid until {date}' },
  'envcheck.certs.usage.sign': { 'zh-TW': '簽章用', en: 'for signing' },
  'envcheck.certs.usage.encrypt': { 'zh-TW': '加密用', en: 'for encryption' },
  'envcheck.certs.expired': { 'zh-TW': '已過期，無法登入，請向發卡單位換發。', en: 'expired: it cannot be used to sign in; ask the issuer for a new card.' },
  'envcheck.certs.expiresSoon': { 'zh-TW': '將在 {days} 天內到期，請及早換發。', en: 'expires within {days} days; renew it soon.' },
  'envcheck.certs.none': { 'zh-TW': '卡片上沒有憑證。', en: 'The card holds no certificate.' },
  'envcheck.certs.notTrusted': {
    'zh-TW': '憑證元件還沒有把本網站（{origin}）列為信任的網站，所以不提供卡片上的憑證資料，也不會為本站簽章。請開啟元件的確認頁面，確認網址無誤後加入本網站，再檢測一次。',
    en: 'The signing component does not trust this site ({origin}) yet, so it shows no certificate details and will not sign for it. Open the component\'s confirmation page, check the address, add this site and check again.',
  },
  'envcheck.certs.addSite': { 'zh-TW': '把本網站加入憑證元件的信任清單', en: 'Add this site to the component\'s trusted sites' },

  'envcheck.clock.heading': { 'zh-TW': '電腦時間', en: 'Computer clock' },
  'envcheck.clock.ok': {
    'zh-TW': '您電腦的時間與伺服器相差約 {seconds} 秒。',
    en: 'Your computer\'s clock is about {seconds} seconds off the server\'s.',
  },
  'envcheck.clock.off': {
    'zh-TW': '您電腦的時間與伺服器相差約 {seconds} 秒，可能造成登入失敗。請開啟作業系統的「自動設定時間」。',
    en: 'Your computer\'s clock is about {seconds} seconds off the server\'s, which can make sign-in fail. Turn on automatic time in your system settings.',
  },
  'envcheck.clock.failed': { 'zh-TW': '無法取得伺服器時間，請稍後再試。', en: 'The server time could not be fetched; try again later.' },

  'envcheck.skipped.noPopup': {
    'zh-TW': '因為小視窗被擋下，無法檢測這一項。',
    en: 'Not checked, because the small window was blocked.',
  },
  'envcheck.skipped.noComponent': {
    'zh-TW': '需要憑證元件才能檢測這一項。',
    en: 'This needs the signing component to check.',
  },
  'envcheck.skipped.notTrusted': {
    'zh-TW': '元件信任本網站後才能檢測這一項。',
    en: 'This can be checked once the component trusts this site.',
  },

  'envcheck.lna.heading': { 'zh-TW': '瀏覽器詢問「區域網路」權限時', en: 'If your browser asks about your local network' },
  'envcheck.lna.body': {
    'zh-TW': '新版的 Chrome 與 Edge 在網頁直接連到您電腦上的程式時，會詢問是否允許網站「存取本機網路上的裝置」。本站不直接連線，而是開啟憑證元件自己的小視窗，所以通常不會出現這個詢問；若其他網站的憑證功能出現此詢問，那是瀏覽器在保護您的電腦，只在您信任該網站時才允許。Firefox 與 Safari 目前不會出現這個詢問。',
    en: 'Recent Chrome and Edge ask whether a site may "access devices on your local network" when a page connects straight to a program on your computer. This site does not: it opens the signing component\'s own small window, so the question should not appear here. If another site\'s card function asks it, your browser is protecting your computer: allow it only for sites you trust. Firefox and Safari do not ask this at present.',
  },
} as const satisfies Record<string, Entry>;
