/** Messages of single sign-on for agencies (issue 8). Merged into the catalogue in messages.ts. */
import type { Lang } from './lang';

type Entry = Readonly<Record<Lang, string>>;

export const oidcMessages = {
  ERR_OIDC_INTERACTION: {
    'zh-TW': '這次機關登入的請求已失效（逾時或不是在這個瀏覽器開始的），請回到機關網站重新登入。',
    en: 'This agency sign-in request is no longer valid (it timed out, or began in another browser). Go back to the agency’s site and sign in again.',
  },
  'oidc.agencyAsks': { 'zh-TW': '「{agency}」請您透過門戶登入。', en: '“{agency}” asks you to sign in through Menhu.' },
  'oidc.stepUp.title': { 'zh-TW': '需要更高的身分確認等級', en: 'A higher level of assurance is needed' },
  'oidc.stepUp.totp': {
    'zh-TW': '這個服務需要「{level}」等級，或每次登入都輸入動態密碼。請輸入驗證器 App 顯示的 6 位數動態密碼（或一組備用代碼）。',
    en: 'This service needs level “{level}”, or a one-time code at every sign-in. Enter the 6-digit code your authenticator app shows (or a recovery code).',
  },
  'oidc.stepUp.code': { 'zh-TW': '動態密碼或備用代碼', en: 'One-time code or recovery code' },
  'oidc.stepUp.confirm': { 'zh-TW': '確認並繼續', en: 'Confirm and continue' },
  'oidc.stepUp.enrol': {
    'zh-TW': '這個服務需要軟體式動態密碼（TOTP），您的帳號還沒有啟用。請先到「我的帳戶」啟用，只需要一支裝有驗證器 App 的手機。',
    en: 'This service needs an authenticator-app code (TOTP), which your account has not turned on yet. Turn it on in “My account” first; all it takes is a phone with an authenticator app.',
  },
  'oidc.stepUp.enrolThen': {
    'zh-TW': '啟用後，請回到原本的機關網站重新登入。',
    en: 'Once it is on, go back to the agency’s site and sign in again.',
  },
  'oidc.stepUp.card': {
    'zh-TW': '這個服務需要「{level}」等級：請插入自然人憑證卡片，輸入 PIN 碼後按登入。',
    en: 'This service needs level “{level}”: insert your citizen certificate card, type its PIN and press Sign in.',
  },
  'oidc.fresh.intro': {
    'zh-TW': '這個服務要求您剛剛才確認過身分，請再輸入一次密碼。',
    en: 'This service asks that you have just proved who you are: please enter your password again.',
  },
  'oidc.cancel': { 'zh-TW': '取消，不登入這個服務', en: 'Cancel, do not sign in to this service' },
  'oidc.consent.title': { 'zh-TW': '同意提供資料', en: 'Consent to share your data' },
  'oidc.consent.intro': {
    'zh-TW': '如果您同意，門戶會把下列資料提供給這個服務。您日後可以在「我的帳戶」撤回同意。',
    en: 'If you agree, Menhu will give this service the following. You can withdraw your consent later in “My account”.',
  },
  'oidc.consent.allow': { 'zh-TW': '同意並繼續', en: 'Agree and continue' },
  'oidc.consent.deny': { 'zh-TW': '不同意', en: 'Do not agree' },
  'oidc.claim.sub': { 'zh-TW': '一個只給這個服務使用的代號（不是您的身分證字號）', en: 'An identifier used only for this service (not your ID number)' },
  'oidc.claim.profile': { 'zh-TW': '姓名', en: 'Your name' },
  'oidc.claim.email': { 'zh-TW': '電子郵件地址', en: 'Your e-mail address' },
  'oidc.claim.tw_id': {
    'zh-TW': '完整的身分證統一編號（只在以自然人憑證登入時提供）',
    en: 'Your full national ID number (given only when you sign in with the card)',
  },
  'oidc.claim.offline_access': { 'zh-TW': '在您離開後繼續存取上述資料', en: 'Access to the above after you leave' },
  'settings.agencies': { 'zh-TW': '已授權的機關服務', en: 'Agency services you allowed' },
  'consents.intro': {
    'zh-TW': '下列機關服務曾經由您同意，透過門戶讓您登入並取得所列資料。撤回同意後，該服務已取得的存取權立即失效，下次使用時會再詢問您。',
    en: 'You allowed the agency services below to sign you in through Menhu and receive what is listed. Withdrawing ends the access a service already has at once; it will ask you again next time.',
  },
  'consents.none': { 'zh-TW': '目前沒有任何機關服務取得您的同意。', en: 'No agency service has your consent at the moment.' },
  'consents.since': { 'zh-TW': '同意時間：{at}', en: 'Allowed on {at}' },
  'consents.withdraw': { 'zh-TW': '撤回同意', en: 'Withdraw consent' },
  'consents.withdrawLabel': { 'zh-TW': '撤回對「{agency}」的同意', en: 'Withdraw your consent to “{agency}”' },
  'consents.withdrawn': { 'zh-TW': '已撤回對「{agency}」的同意。', en: 'Your consent to “{agency}” is withdrawn.' },
  'consents.notFound': { 'zh-TW': '找不到這項同意，可能已經撤回。', en: 'That consent was not found; it may already be withdrawn.' },
  'oidc.level.low': { 'zh-TW': '低', en: 'low' },
  'oidc.level.substantial': { 'zh-TW': '中', en: 'substantial' },
  'oidc.level.high': { 'zh-TW': '高', en: 'high' },
} as const satisfies Record<string, Entry>;
