/**
 * The demo agency's pages, in Traditional Chinese with English beside it. Preact escapes every value, so what
 * the platform returns (claims, error descriptions) is shown as text, never as markup.
 */
import type { ComponentChildren, JSX } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { formatRocDateTime, type Acr } from '@menhu/protocol';
import type { SignedIn } from './sessions';

/** Served as /demo.css, so the pages' CSP needs no inline styles. */
export const STYLESHEET = `
body{font-family:"Noto Sans TC","Noto Sans CJK TC",system-ui,sans-serif;margin:0;color:#1b1b1b;background:#f4f6f4;line-height:1.6}
header{background:#1f5d3a;color:#fff;padding:1rem 1.5rem}header p{margin:0}
main{max-width:46rem;margin:1.5rem auto;padding:0 1.5rem}
h1{font-size:1.6rem;margin:.25rem 0}h2{font-size:1.2rem;margin-top:1.75rem}
.en{color:#4a4a4a}header .en{color:#dfe}
.levels{display:grid;gap:.75rem;margin:1rem 0}
button{font:inherit;padding:.6rem 1rem;border:2px solid #1f5d3a;border-radius:.4rem;background:#fff;color:#1f5d3a;cursor:pointer;text-align:left}
button:hover,button:focus-visible{background:#1f5d3a;color:#fff;outline:3px solid #f5c400}
table{border-collapse:collapse;width:100%;background:#fff}th,td{border:1px solid #c9d1cb;padding:.4rem .6rem;text-align:left;vertical-align:top}
th{width:12rem;background:#eef2ef;font-weight:600}code,pre{font-family:ui-monospace,monospace;word-break:break-all}
pre{white-space:pre-wrap;background:#fff;border:1px solid #c9d1cb;padding:.75rem}
.notice{background:#fff8d6;border-left:4px solid #f5c400;padding:.5rem .75rem}
.error{background:#fde8e8;border-left:4px solid #b3261e;padding:.5rem .75rem}
`;

/** The three levels as the platform names them (DESIGN.md "Assurance"), with what each takes. */
export const LEVELS: readonly { acr: Acr; zh: string; en: string; how: string; howEn: string }[] = [
  { acr: 'low', zh: '一般', en: 'low', how: '帳號密碼', howEn: 'account and password' },
  { acr: 'substantial', zh: '中', en: 'substantial', how: '帳號密碼加動態密碼，或行動自然人憑證', howEn: 'password and a TOTP code, or the mobile citizen certificate' },
  { acr: 'high', zh: '高', en: 'high', how: '自然人憑證（卡片與 PIN 碼）', howEn: 'the citizen digital certificate card and its PIN' },
];

function levelName(acr: unknown): string {
  const level = LEVELS.find((l) => l.acr === acr);
  return level ? `${level.zh} ${level.en}` : String(acr);
}

function Page(props: { title: string; children: ComponentChildren }) {
  return (
    <html lang="zh-Hant-TW">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title}</title>
        <link rel="stylesheet" href="/demo.css" />
      </head>
      <body>
        <header>
          <p>
            示範機關 <span class="en" lang="en">Demo agency</span>
          </p>
        </header>
        <main id="main">{props.children}</main>
      </body>
    </html>
  );
}

function LevelButtons() {
  return (
    <form method="post" action="/login" class="levels">
      {LEVELS.map((l) => (
        <button type="submit" name="acr" value={l.acr}>
          以{l.zh}等級登入 <span lang="en">Sign in at level {l.en}</span>
          <br />
          <small>
            {l.how} <span lang="en">({l.howEn})</span>
          </small>
        </button>
      ))}
    </form>
  );
}

function render(page: JSX.Element): string {
  return '<!doctype html>' + renderToString(page);
}

export function homePage(props: { platform: string; signedIn: boolean }): string {
  return render(
    <Page title="示範機關 Demo agency">
      <h1>
        示範機關 <span class="en" lang="en">Demo agency</span>
      </h1>
      <p>
        這是一個示範用的機關網站：民眾透過門戶（<code>{props.platform}</code>）以 OpenID Connect 登入。請選擇這次登入需要的身分確認等級。
      </p>
      <p class="en" lang="en">
        A stand-in for an agency's website: citizens sign in through Menhu (<code>{props.platform}</code>) with OpenID Connect. Choose the level of
        assurance this sign-in needs.
      </p>
      {props.signedIn && (
        <p class="notice">
          您已登入，<a href="/me">查看登入結果</a>。 <span lang="en">You are signed in: <a href="/me">see what the platform said</a>.</span>
        </p>
      )}
      <LevelButtons />
    </Page>,
  );
}

function Row(props: { id: string; label: string; labelEn: string; children: ComponentChildren }) {
  return (
    <tr>
      <th scope="row">
        {props.label} <span class="en" lang="en">{props.labelEn}</span>
      </th>
      <td id={props.id}>{props.children}</td>
    </tr>
  );
}

function authTime(value: unknown) {
  if (typeof value !== 'number') return <>{String(value ?? '—')}</>;
  const at = new Date(value * 1000);
  return (
    <>
      <code>{value}</code>（{formatRocDateTime(at, 'zh-TW')}，{at.toISOString()}）
    </>
  );
}

export function signedInPage(props: { session: SignedIn; platform: string }): string {
  const { idTokenClaims: id, userinfo } = props.session;
  const amr = Array.isArray(id['amr']) ? (id['amr'] as unknown[]).join(' ') : String(id['amr'] ?? '—');
  return render(
    <Page title="登入成功 Signed in — 示範機關">
      <h1>
        登入成功 <span class="en" lang="en">Signed in</span>
      </h1>
      <p>
        這次要求的等級：{levelName(props.session.askedAcr)}；門戶回覆的等級：<strong>{levelName(id['acr'])}</strong>。
        <span class="en" lang="en">
          {' '}
          Level asked for: {props.session.askedAcr}; level the platform vouched for: {String(id['acr'])}.
        </span>
      </p>

      <h2>
        ID Token 聲明 <span class="en" lang="en">ID token claims</span>
      </h2>
      <table>
        <tbody>
          <Row id="claim-sub" label="代號 sub" labelEn="(pairwise, this agency only)">
            <code>{String(id['sub'])}</code>
          </Row>
          <Row id="claim-acr" label="身分確認等級 acr" labelEn="level of assurance">
            {String(id['acr'] ?? '—')}
          </Row>
          <Row id="claim-amr" label="驗證方式 amr" labelEn="how the citizen proved it">
            {amr}
          </Row>
          <Row id="claim-auth_time" label="登入時間 auth_time" labelEn="when the citizen signed in">
            {authTime(id['auth_time'])}
          </Row>
        </tbody>
      </table>

      <h2>
        UserInfo 端點回覆 <span class="en" lang="en">UserInfo claims</span>
      </h2>
      <table>
        <tbody>
          <Row id="userinfo-name" label="姓名 name" labelEn="name">
            {String(userinfo['name'] ?? '—')}
          </Row>
          <Row id="userinfo-email" label="電子郵件 email" labelEn="e-mail">
            {String(userinfo['email'] ?? '—')}
            {userinfo['email_verified'] === true ? '（已驗證 verified）' : userinfo['email_verified'] === false ? '（未驗證 not verified）' : ''}
          </Row>
        </tbody>
      </table>

      <details>
        <summary>
          完整內容 <span lang="en">Everything the platform returned</span>
        </summary>
        <h3>ID token</h3>
        <pre>{JSON.stringify(id, null, 2)}</pre>
        <h3>UserInfo</h3>
        <pre>{JSON.stringify(userinfo, null, 2)}</pre>
      </details>

      <h2>
        提高等級再登入 <span class="en" lang="en">Sign in again at another level (step-up)</span>
      </h2>
      <LevelButtons />

      <h2>
        登出 <span class="en" lang="en">Sign out</span>
      </h2>
      <p>
        經由門戶登出：門戶會請您確認，再回到本站。 <span class="en" lang="en">Signs out through Menhu, which asks you to confirm and then sends you back here.</span>
      </p>
      <form method="post" action="/logout">
        <button type="submit">
          登出 <span lang="en">Sign out</span>
        </button>
      </form>
    </Page>,
  );
}

export function signedOutPage(): string {
  return render(
    <Page title="已登出 Signed out — 示範機關">
      <h1>
        您已登出示範機關 <span class="en" lang="en">You have signed out of the demo agency</span>
      </h1>
      <p>
        <a href="/">回到首頁 </a>
        <a href="/" lang="en">
          Back to the home page
        </a>
      </p>
    </Page>,
  );
}

/** A sign-in that did not complete: the OAuth error code for the engineer, plain words for the citizen. */
export function errorPage(props: { error: string; description?: string | undefined }): string {
  return render(
    <Page title="登入沒有完成 Sign-in did not complete — 示範機關">
      <h1>
        登入沒有完成 <span class="en" lang="en">The sign-in did not complete</span>
      </h1>
      <p class="error" role="alert">
        <code id="error-code">{props.error}</code>
        {props.description ? <>：{props.description}</> : null}
      </p>
      <p>
        請回到首頁重新登入。 <span class="en" lang="en">Go back to the home page and sign in again.</span>
      </p>
      <p>
        <a href="/">回到首頁 Home</a>
      </p>
    </Page>,
  );
}
