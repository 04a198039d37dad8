/**
 * Messages of card login (issue 6): what the citizen is told for each component code and each verification
 * failure, with what to do; the help page's questions (常見問題); and the notes for unsupported browsers and
 * handheld devices. Merged into the catalogue in messages.ts. Which code gives which key: component-codes.ts.
 */
import type { Lang } from './lang';

type Entry = Readonly<Record<Lang, string>>;

const problems = {
  'card.failedTitle': { 'zh-TW': '憑證登入失敗', en: 'Card sign-in failed' },
  'card.helpLink': { 'zh-TW': '查看處理步驟', en: 'See the steps to fix this' },

  // Component codes (HIPKI.md "Codes"): card.problem.<id> says what happened, card.remedy.<id> what to do.
  'card.problem.noCard': { 'zh-TW': '憑證登入失敗，請插卡再試', en: 'Card sign-in failed: insert your card and try again' },
  'card.remedy.noCard': {
    'zh-TW': '讀卡機裡沒有偵測到卡片。請把自然人憑證晶片面朝上插到底，等讀卡機的燈號穩定後再按「登入」；若仍然失敗，請依常見問題的步驟逐一檢查。',
    en: 'The reader does not see a card. Push the citizen certificate card all the way in, chip side up, wait until the reader’s light is steady and press “Sign in” again. If it still fails, work through the steps on the help page.',
  },
  'card.problem.noReader': { 'zh-TW': '找不到讀卡機', en: 'No card reader found' },
  'card.remedy.noReader': {
    'zh-TW': '請確認讀卡機已接上電腦（可換一個 USB 插孔），並已安裝讀卡機的驅動程式，再重新整理頁面後登入。',
    en: 'Check that the card reader is plugged in (try another USB port) and that its driver is installed, then reload the page and sign in again.',
  },
  'card.problem.wrongPin': { 'zh-TW': 'PIN 碼錯誤', en: 'Wrong PIN' },
  'card.remedy.wrongPin': {
    'zh-TW': '請重新輸入卡片的 PIN 碼。連續輸錯 3 次卡片會被鎖住，不確定時請先停下，到發卡單位網站確認或辦理解鎖。',
    en: 'Type the card’s PIN again. Three wrong PINs in a row lock the card, so if you are not sure, stop and check with the issuing authority’s website first.',
  },
  'card.problem.wrongPinTwoLeft': { 'zh-TW': 'PIN 碼錯誤，還可以再試 2 次', en: 'Wrong PIN: 2 tries left' },
  'card.remedy.wrongPinTwoLeft': {
    'zh-TW': '再輸錯 2 次卡片就會被鎖住。請仔細確認 PIN 碼後再輸入。',
    en: 'Two more wrong PINs will lock the card. Make sure of the PIN before you type it again.',
  },
  'card.problem.wrongPinOneLeft': { 'zh-TW': 'PIN 碼錯誤，只剩最後 1 次機會', en: 'Wrong PIN: only 1 try left' },
  'card.remedy.wrongPinOneLeft': {
    'zh-TW': '下一次再輸錯，卡片就會被鎖住。若不確定 PIN 碼，請不要再試，先到發卡單位網站處理。',
    en: 'One more wrong PIN locks the card. If you are not sure of the PIN, do not try again; go to the issuing authority’s website first.',
  },
  'card.problem.pinLength': { 'zh-TW': 'PIN 碼長度不正確', en: 'The PIN has the wrong length' },
  'card.remedy.pinLength': {
    'zh-TW': 'PIN 碼為 6 至 8 位數字，請重新輸入。',
    en: 'The PIN is 6 to 8 digits. Please type it again.',
  },
  'card.problem.locked': { 'zh-TW': '卡片已被鎖住', en: 'The card is locked' },
  'card.remedy.locked': {
    'zh-TW': 'PIN 碼輸錯太多次，卡片已鎖住，需要解鎖後才能使用：自然人憑證請到內政部憑證管理中心網站（moica.nat.gov.tw）辦理 PIN 碼解鎖，工商憑證請到經濟部工商憑證管理中心網站（moeaca.nat.gov.tw）辦理。',
    en: 'Too many wrong PINs have locked the card; it must be unlocked before use. For a citizen certificate, unlock the PIN on the MOICA website (moica.nat.gov.tw); for a business certificate, on the MOEACA website (moeaca.nat.gov.tw).',
  },
  'card.problem.cardLoginFailed': { 'zh-TW': '無法登入卡片（代碼 {code}）', en: 'The card refused the sign-in (code {code})' },
  'card.remedy.cardLoginFailed': {
    'zh-TW': '請把卡片拔出後重新插入，再試一次；若仍失敗，請記下代碼 {code} 並洽憑證客服。',
    en: 'Take the card out, put it back in and try again. If it still fails, note the code {code} and call your certificate’s helpdesk.',
  },
  'card.problem.siteNotTrusted': { 'zh-TW': '憑證元件尚未信任本網站', en: 'The card component does not trust this site yet' },
  'card.remedy.siteNotTrusted': {
    'zh-TW': '為了保護您的卡片，憑證元件只替您信任的網站簽章。請依常見問題的說明，在元件的「信任網站」頁面確認網址正是本網站後加入，再重新登入。',
    en: 'To protect your card, the component signs only for sites you trust. Follow the help page to open the component’s trusted-sites page, check that the address shown is exactly this site, add it, and sign in again.',
  },
  'card.problem.domainNotAllowed': { 'zh-TW': '憑證元件拒絕本網站的要求', en: 'The card component refused this site' },
  'card.remedy.domainNotAllowed': {
    'zh-TW': '元件不接受這個網址的要求。請確認您是直接在本平臺的正式網址登入，而不是透過其他網站或複製的網址；若仍失敗，請更新憑證元件。',
    en: 'The component does not accept requests from this address. Make sure you are signing in at this platform’s own address, not through another site or a copied link. If it still fails, update the card component.',
  },
  'card.problem.noPin': { 'zh-TW': '沒有輸入 PIN 碼', en: 'No PIN was entered' },
  'card.remedy.noPin': {
    'zh-TW': '請在「PIN 碼」欄位輸入卡片的 PIN 碼，再按「登入」。',
    en: 'Type the card’s PIN in the “PIN” field, then press “Sign in”.',
  },
  'card.problem.cancelled': { 'zh-TW': '已取消憑證登入', en: 'Card sign-in was cancelled' },
  'card.remedy.cancelled': {
    'zh-TW': '您在憑證元件的視窗中取消了這次簽章。要登入時，請再按一次「登入」並在元件視窗中確認。',
    en: 'The signature was cancelled in the component’s window. To sign in, press “Sign in” again and confirm in that window.',
  },
  'card.problem.componentError': { 'zh-TW': '憑證元件發生錯誤或逾時', en: 'The card component failed or timed out' },
  'card.remedy.componentError': {
    'zh-TW': '請關閉元件視窗後再試一次。若一再發生，請重新啟動憑證元件（或重新開機），並確認已安裝最新版本。',
    en: 'Close the component’s window and try again. If it keeps happening, restart the card component (or the computer) and make sure it is the latest version.',
  },
  'card.problem.rateLimited': { 'zh-TW': '短時間內開啟元件視窗太多次', en: 'The component window was opened too often' },
  'card.remedy.rateLimited': {
    'zh-TW': '為了防止濫用，元件暫時不再開啟新視窗。請等候 1 分鐘後再按「登入」。',
    en: 'To prevent abuse, the component is not opening new windows for now. Wait one minute, then press “Sign in” again.',
  },
  'card.problem.certExpired': { 'zh-TW': '卡片上的憑證已過期', en: 'The certificate on the card has expired' },
  'card.remedy.certExpired': {
    'zh-TW': '過期的憑證不能登入。自然人憑證請向戶政事務所或內政部憑證管理中心網站辦理展期或換發；工商憑證請洽經濟部工商憑證管理中心。',
    en: 'An expired certificate cannot sign in. Renew a citizen certificate at a household registration office or on the MOICA website; for a business certificate, contact MOEACA.',
  },
  'card.problem.wrongServiceMoica': {
    'zh-TW': '這是自然人憑證，不適用於這項服務',
    en: 'This is a citizen certificate, which this service does not accept',
  },
  'card.remedy.wrongServiceMoica': {
    'zh-TW': '這項服務需要其他種類的憑證卡片（例如工商憑證）。請換插服務要求的卡片後再試。',
    en: 'This service needs another kind of certificate card (for example a business certificate). Insert the card it asks for and try again.',
  },
  'card.problem.wrongServiceMoeaca': {
    'zh-TW': '這是工商憑證，不適用於這項服務',
    en: 'This is a business certificate, which this service does not accept',
  },
  'card.remedy.wrongServiceMoeaca': {
    'zh-TW': '民眾個人登入需要使用自然人憑證。請換插您本人的自然人憑證後再試。',
    en: 'Signing in as a person needs a citizen certificate. Insert your own citizen certificate card and try again.',
  },
  'card.problem.notRunning': {
    'zh-TW': '沒有回應：憑證元件可能未安裝或未啟動',
    en: 'No answer: the card component may not be installed or running',
  },
  'card.remedy.notRunning': {
    'zh-TW': '請安裝並啟動憑證元件（HiCOS 卡片管理工具，或本專案的 menhu-signer），再重新整理頁面登入。可先用「環境檢測」確認元件是否正常。',
    en: 'Install and start a card component (the HiCOS card utility, or this project’s menhu-signer), then reload the page and sign in. The environment check shows whether the component works.',
  },
  'card.problem.popupBlocked': { 'zh-TW': '瀏覽器擋住了元件視窗', en: 'The browser blocked the component window' },
  'card.remedy.popupBlocked': {
    'zh-TW': '憑證登入需要開啟一個小視窗和元件溝通。請在網址列的提示中選擇「一律允許本網站的彈出式視窗」，再按一次「登入」。',
    en: 'Card sign-in opens a small window to talk to the component. In the prompt in the address bar, choose to always allow pop-ups from this site, then press “Sign in” again.',
  },
  'card.problem.unknown': { 'zh-TW': '憑證元件回報未知的錯誤（代碼 {code}）', en: 'The card component reported an unknown error (code {code})' },
  'card.remedy.unknown': {
    'zh-TW': '請更新憑證元件後再試；若仍失敗，請記下代碼 {code} 並洽憑證客服。',
    en: 'Update the card component and try again. If it still fails, note the code {code} and call your certificate’s helpdesk.',
  },

  // Verification errors returned by the server (packages/pki): their own texts are the ERR_PKI_* keys in
  // messages.ts; these say what to do.
  'card.remedy.verificationFailed': {
    'zh-TW': '請重新整理頁面後再登入一次；若仍失敗，請使用「環境檢測」檢查，或洽憑證客服。',
    en: 'Reload the page and sign in again. If it still fails, run the environment check or call your certificate’s helpdesk.',
  },
  'card.remedy.ERR_PKI_MALFORMED': {
    'zh-TW': '請更新憑證元件到最新版本，重新整理頁面後再登入。',
    en: 'Update the card component to its latest version, reload the page and sign in again.',
  },
  'card.remedy.ERR_PKI_INPUT_TOO_LARGE': {
    'zh-TW': '請重新整理頁面後再登入；若仍失敗，請更新憑證元件。',
    en: 'Reload the page and sign in again; if it still fails, update the card component.',
  },
  'card.remedy.ERR_PKI_UNSUPPORTED_ALGORITHM': {
    'zh-TW': '請改用內政部核發的自然人憑證卡片登入，或改用帳號密碼、行動自然人憑證。',
    en: 'Sign in with a citizen certificate card issued by the Ministry of the Interior, or use your password or the mobile certificate instead.',
  },
  'card.remedy.ERR_PKI_BAD_SIGNATURE': {
    'zh-TW': '請把卡片拔出後重新插入，重新整理頁面再登入一次。',
    en: 'Take the card out and put it back in, reload the page and sign in again.',
  },
  'card.remedy.ERR_PKI_CHALLENGE_MISMATCH': {
    'zh-TW': '每次登入的驗證資料只能用一次且有時效。請重新整理頁面，直接再登入一次。',
    en: 'Each sign-in’s challenge works once and only for a few minutes. Reload the page and sign in again.',
  },
  'card.remedy.ERR_PKI_NONCE_MISMATCH': {
    'zh-TW': '請只開一個登入頁面，重新整理後再登入。',
    en: 'Keep only one sign-in page open, reload it and sign in again.',
  },
  'card.remedy.ERR_PKI_ORIGIN_MISMATCH': {
    'zh-TW': '請自己在網址列輸入本平臺的網址，或從書籤開啟後再登入，不要經由其他網站轉來的頁面輸入 PIN 碼。',
    en: 'Type this platform’s address in the address bar yourself, or open it from a bookmark, and sign in there. Never type your PIN on a page another site sent you to.',
  },
  'card.remedy.ERR_PKI_CARD_SERIAL_MISMATCH': {
    'zh-TW': '請只插一張卡片，重新整理頁面後再登入。',
    en: 'Insert only one card, reload the page and sign in again.',
  },
  'card.remedy.ERR_PKI_CERT_EXPIRED': {
    'zh-TW': '自然人憑證可在到期前後向戶政事務所或內政部憑證管理中心網站辦理展期或換發；辦好之前，可改用帳號密碼登入。',
    en: 'Renew the citizen certificate at a household registration office or on the MOICA website; until then you can sign in with your account and password.',
  },
  'card.remedy.ERR_PKI_CERT_NOT_YET_VALID': {
    'zh-TW': '請把電腦的日期、時間與時區設為自動校時，再重新登入。新卡片也可能要等到生效日才能使用。',
    en: 'Set your computer’s date, time and time zone to update automatically, then sign in again. A new card may also not work until its start date.',
  },
  'card.remedy.ERR_PKI_UNTRUSTED_ISSUER': {
    'zh-TW': '本平臺的民眾登入只接受內政部憑證管理中心核發的自然人憑證。請確認插入的是您本人的自然人憑證，而不是其他單位的憑證卡片。',
    en: 'Citizen sign-in here accepts only certificates issued by MOICA. Make sure the card in the reader is your own citizen certificate, not another organisation’s card.',
  },
  'card.remedy.ERR_PKI_INVALID_CA': {
    'zh-TW': '請改用內政部核發的自然人憑證，或改用其他登入方式。',
    en: 'Use a citizen certificate issued by the Ministry of the Interior, or another way of signing in.',
  },
  'card.remedy.ERR_PKI_UNKNOWN_CRITICAL_EXTENSION': {
    'zh-TW': '請改用其他登入方式，並洽憑證客服確認卡片狀態。',
    en: 'Use another way of signing in, and ask your certificate’s helpdesk to check the card.',
  },
  'card.remedy.ERR_PKI_WRONG_PURPOSE': {
    'zh-TW': '請確認插入的是自然人憑證卡片；若卡片上有多張憑證，元件應自動選用簽章用的憑證，請更新元件後再試。',
    en: 'Make sure the card is a citizen certificate. A card holds several certificates and the component should pick the signing one; update the component and try again.',
  },
  'card.remedy.ERR_PKI_POLICY_DISALLOWED': {
    'zh-TW': '這張卡片不能用於本平臺的民眾登入，請改用自然人憑證或其他登入方式。',
    en: 'This card cannot be used for citizen sign-in here. Use a citizen certificate or another way of signing in.',
  },
  'card.remedy.ERR_PKI_REVOKED': {
    'zh-TW': '已廢止或停用的憑證不能再登入。若卡片遺失後曾申請停用，找回後可辦理復用；否則請向戶政事務所申請新卡。詳情請洽自然人憑證客服 0800-080-117。',
    en: 'A revoked or suspended certificate can no longer sign in. If you suspended it after losing the card and have found it, you can ask to resume it; otherwise apply for a new card at a household registration office. Call the citizen certificate helpdesk, 0800-080-117, for details.',
  },
  'card.remedy.ERR_PKI_REVOCATION_UNAVAILABLE': {
    'zh-TW': '這是暫時的狀況，不是您的卡片有問題。請過幾分鐘再試，或先改用其他登入方式。',
    en: 'This is temporary and not a problem with your card. Try again in a few minutes, or use another way of signing in for now.',
  },
} as const satisfies Record<string, Entry>;

// 常見問題 (help page): each question is a section with an anchor (component-codes.ts HELP_ANCHORS).
const help = {
  'help.intro': {
    'zh-TW': '以下整理憑證登入最常遇到的問題與處理方式。可以用搜尋框輸入關鍵字，只列出相關的問題。',
    en: 'The questions people ask most about signing in with a card, and what to do. Type a word in the search box to list only the matching questions.',
  },
  'help.search.label': { 'zh-TW': '搜尋常見問題', en: 'Search the help' },
  'help.search.hint': { 'zh-TW': '輸入關鍵字，例如「PIN」、「Cookie」或「元件」。', en: 'Type a word, for example “PIN”, “cookies” or “component”.' },
  'help.search.submit': { 'zh-TW': '搜尋', en: 'Search' },
  'help.search.count': { 'zh-TW': '找到 {count} 個相關問題。', en: '{count} matching questions.' },
  'help.search.none': {
    'zh-TW': '沒有找到相關問題，請換個關鍵字，或直接撥打下方的客服電話。',
    en: 'No question matches. Try another word, or call one of the helplines below.',
  },
  'help.search.showAll': { 'zh-TW': '顯示全部問題', en: 'Show all questions' },

  // The card-login problem: five steps, in the order that fixes most cases.
  'help.cardFailed.intro': {
    'zh-TW': '這個訊息表示本網站沒有收到卡片的簽章。請依序試試下列步驟，每做完一步就重新登入一次：',
    en: 'This message means the site received no signature from your card. Try these steps in order, signing in again after each one:',
  },
  'help.cardFailed.s1': {
    'zh-TW': '使用最新版的 Chrome 或 Edge 瀏覽器（在瀏覽器的「說明」或「關於」頁面可以檢查並更新版本）。',
    en: 'Use a current version of Chrome or Edge (the browser’s “About” page checks for and installs updates).',
  },
  'help.cardFailed.s2': {
    'zh-TW': '若您剛才使用的是手機上的行動自然人憑證，請改用實體自然人憑證卡片和讀卡機。',
    en: 'If you were using the mobile citizen certificate on your phone, use the physical card and a card reader instead.',
  },
  'help.cardFailed.s3': {
    'zh-TW': '清除本網站的 Cookie，做法請看下方 Chrome 與 Edge 的說明。',
    en: 'Clear this site’s cookies, as described below for Chrome and for Edge.',
  },
  'help.cardFailed.s4': {
    'zh-TW': '關閉所有瀏覽器視窗，再重新開啟瀏覽器並回到本網站。',
    en: 'Close every browser window, then open the browser again and come back to this site.',
  },
  'help.cardFailed.s5': {
    'zh-TW': '確認卡片已插入讀卡機，輸入正確的 PIN 碼後按「登入」。',
    en: 'Check that the card is in the reader, type the correct PIN and press “Sign in”.',
  },

  'help.install.q': { 'zh-TW': '如何安裝並啟動憑證元件？', en: 'How do I install and start the card component?' },
  'help.install.a1': {
    'zh-TW': '瀏覽器不能直接讀取卡片，需要電腦上的憑證元件代為簽章。本平臺可搭配下列任一種：內政部憑證管理中心提供的 HiCOS 卡片管理工具（含跨平臺網頁元件），或本專案的開放原始碼元件 menhu-signer。',
    en: 'A browser cannot read the card itself; a card component on your computer signs for it. The platform works with either the HiCOS card utility (with its cross-platform web component) from MOICA, or this project’s open-source component, menhu-signer.',
  },
  'help.install.a2': {
    'zh-TW': 'HiCOS：請從內政部憑證管理中心網站下載最新版並安裝，安裝後會在背景執行；若登入頁說元件沒有回應，請從開始選單重新啟動它，或重新開機。',
    en: 'HiCOS: download the latest version from the MOICA website and install it; it then runs in the background. If the sign-in page says the component does not answer, start it again from the Start menu, or restart the computer.',
  },
  'help.install.a3': {
    'zh-TW': 'menhu-signer：在終端機執行 npx menhu-signer --module 讀卡機的 PKCS#11 模組 --trust 本網站網址，保持視窗開著即可。',
    en: 'menhu-signer: run npx menhu-signer --module <the reader’s PKCS#11 module> --trust <this site’s address> in a terminal and leave it running.',
  },
  'help.install.a4': {
    'zh-TW': '裝好之後，可以用「環境檢測」確認瀏覽器、元件、讀卡機與卡片是否都正常，不需要輸入 PIN 碼。',
    en: 'Once it is installed, the environment check tests the browser, the component, the reader and the card, without asking for the PIN.',
  },

  'help.trust.q': { 'zh-TW': '元件說「尚未信任本網站」怎麼辦？', en: 'The component says it does not trust this site yet. What do I do?' },
  'help.trust.a1': {
    'zh-TW': '元件只替您同意過的網站簽章，避免其他網站冒用您的卡片。第一次在本平臺使用卡片時，請開啟元件的信任網站頁面（本專案元件為 http://localhost:61161/addDomain），確認畫面上的網址與瀏覽器網址列完全相同後再按確認，然後重新登入。',
    en: 'The component signs only for sites you have approved, so no other site can use your card. The first time you use the card here, open the component’s trusted-sites page (for this project’s component, http://localhost:61161/addDomain), check that the address shown is exactly the one in your address bar, confirm, and sign in again.',
  },
  'help.trust.a2': {
    'zh-TW': '如果元件顯示的網址和您正在使用的網站不同，請不要加入，並直接關閉該頁面。',
    en: 'If the address the component shows is not the site you are using, do not add it; close that page.',
  },

  'help.popups.q': { 'zh-TW': '瀏覽器擋住了彈出式視窗怎麼辦？', en: 'The browser blocked a pop-up window. What do I do?' },
  'help.popups.a1': {
    'zh-TW': '憑證登入時，本網站會開啟一個來自元件（localhost:61161）的小視窗，完成簽章後自動關閉。若瀏覽器擋住它，網址列右側會出現提示圖示：在 Chrome 或 Edge 按下該圖示，選擇一律允許本網站的彈出式視窗，再按一次「登入」。',
    en: 'During card sign-in, this site opens a small window from the component (localhost:61161) that closes itself once the card has signed. If the browser blocks it, an icon appears at the right of the address bar: in Chrome or Edge, press it, choose to always allow pop-ups from this site, and press “Sign in” again.',
  },
  'help.popups.a2': {
    'zh-TW': '為了防止濫用，元件在一分鐘內只接受有限次數的視窗；若看到「開啟元件視窗太多次」，請等 1 分鐘後再試。',
    en: 'To prevent abuse, the component opens only a limited number of windows a minute. If you are told the window was opened too often, wait one minute and try again.',
  },

  'help.locked.q': { 'zh-TW': '忘記 PIN 碼或卡片被鎖住怎麼辦？', en: 'I forgot the PIN, or the card is locked. What do I do?' },
  'help.locked.a1': {
    'zh-TW': 'PIN 碼連續輸錯 3 次，卡片就會被鎖住；登入頁會提醒您還剩幾次機會。不確定 PIN 碼時，請不要一直嘗試。',
    en: 'Three wrong PINs in a row lock the card; the sign-in page tells you how many tries are left. If you are not sure of the PIN, do not keep guessing.',
  },
  'help.locked.a2': {
    'zh-TW': '解鎖或重設 PIN 碼，請到發卡單位的網站辦理：',
    en: 'To unlock the card or reset the PIN, go to the issuing authority’s website:',
  },
  'help.locked.moica': {
    'zh-TW': '自然人憑證：內政部憑證管理中心',
    en: 'Citizen certificate: the Ministry of the Interior Certification Authority (MOICA)',
  },
  'help.locked.moeaca': {
    'zh-TW': '工商憑證：經濟部工商憑證管理中心',
    en: 'Business certificate: the Ministry of Economic Affairs Certification Authority (MOEACA)',
  },
  'help.locked.a3': {
    'zh-TW': '忘記的是本平臺的帳號密碼而不是 PIN 碼時，請改用登入頁的「以自然人憑證重設密碼」或「忘記密碼」。',
    en: 'If it is this platform’s password you forgot, not the PIN, use “Reset the password with the card” or “Forgot password” on the sign-in page.',
  },

  'help.mobile.q': {
    'zh-TW': '行動自然人憑證和實體卡片有什麼不同？',
    en: 'How does the mobile citizen certificate differ from the physical card?',
  },
  'help.mobile.a1': {
    'zh-TW': '行動自然人憑證是手機上的 App，需要先與您的實體卡片綁定；登入本平臺時，兩者都可以使用。實體卡片需要電腦和讀卡機，行動自然人憑證只需要手機。',
    en: 'The mobile citizen certificate is a phone app that you first link to your physical card. Both sign in to this platform: the card needs a computer with a reader, the app only your phone.',
  },
  'help.mobile.a2': {
    'zh-TW': '本平臺的電子查驗服務目前只接受實體自然人憑證；要使用這些服務，請以卡片登入。',
    en: 'The platform’s electronic verification services accept only the physical card for now; to use them, sign in with the card.',
  },
  'help.mobile.a3': {
    'zh-TW': '工商憑證代表公司或商號，不能用來以個人身分登入；只有開放工商憑證的服務才接受它。',
    en: 'A business certificate stands for a company, not a person, so it cannot sign you in as yourself; only services that allow business certificates accept it.',
  },

  'help.browsers.q': { 'zh-TW': '哪些瀏覽器和裝置可以使用憑證登入？', en: 'Which browsers and devices can sign in with the card?' },
  'help.browsers.a1': {
    'zh-TW': '請在電腦上使用最新版的 Chrome 或 Edge。Internet Explorer 已停止安全性更新，本平臺不支援；其他瀏覽器若版本太舊，也可能無法和元件溝通。',
    en: 'Use a current Chrome or Edge on a computer. Internet Explorer no longer gets security updates and is not supported; other browsers that are too old may also fail to talk to the component.',
  },
  'help.browsers.a2': {
    'zh-TW': '手機和平板沒有讀卡機，無法使用實體卡片登入；請在手機上改用行動自然人憑證，或改用帳號密碼登入。',
    en: 'Phones and tablets have no card reader, so they cannot sign in with the physical card; on a phone, use the mobile citizen certificate or your account and password instead.',
  },
  'help.clock.q': { 'zh-TW': '電腦時間不準，會影響憑證登入嗎？', en: 'Can a wrong computer clock stop card sign-in?' },
  'help.clock.a1': {
    'zh-TW': '會。登入時卡片簽下的資料帶有時間，憑證也有生效與到期的日期；電腦時間差太多（例如日期錯了，或差了好幾分鐘），登入就可能被判定無效，或顯示憑證「尚未生效」、「已過期」。',
    en: 'Yes. What the card signs carries the time, and the certificate has a start and an end date; when the computer’s clock is far off (a wrong date, or several minutes out), the sign-in can be judged invalid, or the certificate reported as “not yet valid” or “expired”.',
  },
  'help.clock.a2': {
    'zh-TW': 'Windows：在「設定 › 時間與語言 › 日期和時間」開啟「自動設定時間」與「自動設定時區」，時區選「(UTC+08:00) 台北」，再按「立即同步」。macOS：在「系統設定 › 一般 › 日期與時間」開啟「自動設定日期與時間」。',
    en: 'Windows: in Settings › Time & language › Date & time, turn on “Set time automatically” and “Set time zone automatically” (the zone is “(UTC+08:00) Taipei”), then press “Sync now”. macOS: in System Settings › General › Date & Time, turn on “Set time and date automatically”.',
  },
  'help.clock.a3': {
    'zh-TW': '「環境檢測」頁會顯示您電腦與本平臺伺服器的時間差；調整後請重新整理頁面再登入。',
    en: 'The environment check page shows how far your computer’s clock is from this platform’s server; after correcting it, reload the page and sign in again.',
  },

  'help.helplines.unlock': {
    'zh-TW': '忘記 PIN 碼或卡片鎖住，請到發卡單位的網站辦理（見上方「忘記 PIN 碼或卡片被鎖住怎麼辦？」）。',
    en: 'For a forgotten PIN or a locked card, go to the issuing authority’s website (see “I forgot the PIN, or the card is locked” above).',
  },
  'help.helplines.moica': { 'zh-TW': '自然人憑證客服：0800-080-117', en: 'Citizen certificate helpline: 0800-080-117' },
  'help.helplines.moeaca': {
    'zh-TW': '工商憑證客服：(02) 412-1166（市話可直撥 412-1166）',
    en: 'Business certificate helpline: (02) 412-1166 (412-1166 from a landline)',
  },

  // Unsupported browsers and handheld devices (client/browser-support.ts)
  'browser.unsupported': {
    'zh-TW': '您使用的瀏覽器版本過舊或不受支援（例如 Internet Explorer），憑證登入與部分功能將無法使用。請改用最新版的 Chrome 或 Edge。',
    en: 'Your browser is too old or not supported (Internet Explorer, for example), so card sign-in and some functions will not work. Please use a current Chrome or Edge.',
  },
  'browser.handheld': {
    'zh-TW': '憑證卡片登入需要一台接有讀卡機的電腦。在手機或平板上，請改用行動自然人憑證登入。',
    en: 'Signing in with the certificate card needs a computer with a card reader. On a phone or tablet, use the mobile citizen certificate instead.',
  },
} as const satisfies Record<string, Entry>;

export const cardMessages = { ...problems, ...help } as const satisfies Record<string, Entry>;
