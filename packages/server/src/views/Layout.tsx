/**
 * The frame of every page: Taiwan's government accessibility conventions (無障礙 AA) — a skip link first, the
 * ":::" anchors with access keys U (top), C (main) and Z (bottom), a site map link, a visible language switch —
 * and the session time-out warning with a way to extend.
 */
import type { ComponentChildren } from 'preact';
import type { PageContext } from './context';
import { switchLangHref } from '../http/language';

export function Layout(props: { ctx: PageContext; title: string; children: ComponentChildren }) {
  const { ctx } = props;
  const other = ctx.lang === 'zh-TW' ? 'en' : 'zh-TW';
  const timer = ctx.sessionTimer;
  return (
    <html lang={ctx.lang === 'zh-TW' ? 'zh-Hant-TW' : 'en'}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} | ${ctx.t('site.name')}`}</title>
        <link rel="stylesheet" href="/assets/site.css" />
        {ctx.csrfToken ? <meta name="csrf-token" content={ctx.csrfToken} /> : null}
        <script nonce={ctx.nonce} src="/assets/app.js" defer />
      </head>
      <body
        data-session-expires-in={timer ? String(timer.expiresIn) : undefined}
        data-session-warn-before={timer ? String(timer.warnBefore) : undefined}
      >
        <a class="skip-link" href="#C">
          {ctx.t('site.skipToMain')}
        </a>
        <header class="site-header">
          <a class="access-key" id="U" href="#U" accessKey="U" title={ctx.t('site.accessTop')}>
            :::
          </a>
          <div class="site-header__inner">
            <a class="site-name" href="/">
              <span class="site-name__title">{ctx.t('site.name')}</span>
              <span class="site-name__tagline">{ctx.t('site.tagline')}</span>
            </a>
            <nav aria-label={ctx.t('site.nav')}>
              <ul class="site-nav">
                <li>
                  <a href="/sitemap">{ctx.t('site.sitemap')}</a>
                </li>
                <li>
                  <a href="/help">{ctx.t('site.help')}</a>
                </li>
                <li>
                  <a
                    href={switchLangHref(ctx.url, other)}
                    lang={other === 'en' ? 'en' : 'zh-Hant-TW'}
                    hrefLang={other === 'en' ? 'en' : 'zh-Hant-TW'}
                    aria-label={ctx.t('site.langSwitchLabel')}
                    class="lang-switch"
                  >
                    {ctx.t('site.langSwitch')}
                  </a>
                </li>
              </ul>
            </nav>
          </div>
        </header>
        <main id="main" class="site-main">
          <a class="access-key" id="C" href="#C" accessKey="C" title={ctx.t('site.accessMain')}>
            :::
          </a>
          <div id="browser-banner" class="notice browser-banner">
            {ctx.t('browser.unsupported')} <a href="/help#browsers">{ctx.t('site.help')}</a>
          </div>
          <noscript>
            <p class="notice">{ctx.t('site.noscript')}</p>
          </noscript>
          {props.children}
        </main>
        <footer class="site-footer">
          <a class="access-key" id="Z" href="#Z" accessKey="Z" title={ctx.t('site.accessBottom')}>
            :::
          </a>
          <p>{ctx.t('site.footerNote')}</p>
          <p>{ctx.t('site.serviceLine')}</p>
          <p>
            <a href="/sitemap">{ctx.t('site.sitemap')}</a>
          </p>
        </footer>
        {timer ? <SessionTimeoutDialog ctx={ctx} /> : null}
        {timer ? <p role="status" id="session-timeout-status" class="visually-hidden" /> : null}
      </body>
    </html>
  );
}

/** Shown by the page script before the session times out; without JavaScript the server still ends it. */
function SessionTimeoutDialog({ ctx }: { ctx: PageContext }) {
  return (
    <dialog id="session-timeout" aria-labelledby="session-timeout-title" aria-describedby="session-timeout-body">
      <h2 id="session-timeout-title" data-title-active={ctx.t('session.warningTitle')} data-title-expired={ctx.t('session.expiredTitle')}>
        {ctx.t('session.warningTitle')}
      </h2>
      <p
        id="session-timeout-body"
        data-template={ctx.t('session.warningBody', { seconds: '{seconds}' })}
        data-expired={ctx.t('session.expiredBody')}
      />
      <button type="button" id="session-extend" class="button button--primary">
        {ctx.t('session.extend')}
      </button>
      <span hidden id="session-extended-text">
        {ctx.t('session.extended')}
      </span>
    </dialog>
  );
}
