/** Information pages (site map, help), 忘記密碼 and 忘記帳號 with their ways, and the addresses of functions not enabled here. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { MessageKey } from '@menhu/protocol';
import { pageContext, sendPage } from '../http/render';
import { SitemapPage } from '../views/SitemapPage';
import { HelpPage } from '../views/HelpPage';
import { NoticePage } from '../views/NoticePage';
import { RecoveryOptionsPage } from '../views/RecoveryOptionsPage';
import type { Availability } from '../methods/availability';
import type { Platform } from '../platform';
import type { RouteDeps } from './deps';

interface FeaturePage {
  readonly path: string;
  readonly title: MessageKey;
  readonly on: keyof Availability;
}

/**
 * Addresses the login page links to whose function may be off on this server. While off, each answers 501 with
 * a page that says so plainly, in the reader's language, rather than a 404 or something that pretends to work.
 */
const FEATURE_PAGES: readonly FeaturePage[] = [
  { path: '/register', title: 'login.account.register', on: 'register' },
  { path: '/recover/email', title: 'recovery.byEmail', on: 'recoverPassword' },
  { path: '/recover/hint', title: 'login.manage.hint', on: 'hintReset' },
  { path: '/recover/card', title: 'login.manage.card', on: 'cardReset' },
  { path: '/recover/account/email', title: 'recovery.accountByEmail', on: 'recoverAccount' },
  { path: '/recover/account/card', title: 'recovery.accountTitle', on: 'card' },
  { path: '/activate/card', title: 'login.manage.activate', on: 'cardActivate' },
  { path: '/login/mobile', title: 'login.mobile.heading', on: 'mobile' },
  { path: '/login/google', title: 'login.social.google', on: 'google' },
  { path: '/login/facebook', title: 'login.social.facebook', on: 'facebook' },
  { path: '/envcheck', title: 'feature.envCheck', on: 'envCheck' },
];

interface RecoveryWay extends FeaturePage {
  readonly text: MessageKey;
}

/** 忘記密碼 and 忘記帳號 (the login page's links): each offers every way to its end that is on; 501 when none is. */
const RECOVERY_PAGES: readonly { path: string; title: MessageKey; intro: MessageKey; ways: readonly RecoveryWay[] }[] = [
  {
    path: '/recover',
    title: 'login.account.forgotPassword',
    intro: 'recovery.passwordOptionsIntro',
    ways: [
      { path: '/recover/email', title: 'recovery.byEmail', text: 'recovery.byEmailText', on: 'recoverPassword' },
      { path: '/recover/hint', title: 'login.manage.hint', text: 'recovery.hintText', on: 'hintReset' },
      { path: '/recover/card', title: 'login.manage.card', text: 'recovery.cardText', on: 'cardReset' },
    ],
  },
  {
    path: '/recover/account',
    title: 'login.account.forgotAccount',
    intro: 'recovery.accountOptionsIntro',
    ways: [
      { path: '/recover/account/email', title: 'recovery.accountByEmail', text: 'recovery.accountByEmailText', on: 'recoverAccount' },
      { path: '/recover/account/card', title: 'recovery.accountTitle', text: 'recovery.accountByCardText', on: 'card' },
    ],
  },
];

function notEnabled(request: FastifyRequest, reply: FastifyReply, platform: Platform, feature: MessageKey) {
  const ctx = pageContext(request, reply, platform.sessions);
  const title = ctx.t('feature.notEnabledTitle');
  const message = ctx.t('feature.notEnabledBody', { feature: ctx.t(feature) });
  return sendPage(reply, NoticePage({ ctx, title, message, link: { href: '/login', text: ctx.t('feature.backToLogin') } }), 501);
}

export function pageRoutes(app: FastifyInstance, { platform, methods }: RouteDeps): void {
  app.get('/sitemap', async (request, reply) => {
    const ctx = pageContext(request, reply, platform.sessions);
    const pages: { href: string; title: string }[] = [
      { href: '/login', title: ctx.t('login.title') },
      ...RECOVERY_PAGES.map((r) => ({
        href: r.path,
        title: r.ways.some((w) => methods[w.on]) ? ctx.t(r.title) : `${ctx.t(r.title)}${ctx.t('login.notEnabledShort')}`,
      })),
      ...FEATURE_PAGES.map((f) => ({
        href: f.path,
        title: methods[f.on] ? ctx.t(f.title) : `${ctx.t(f.title)}${ctx.t('login.notEnabledShort')}`,
      })),
      { href: '/help', title: ctx.t('help.title') },
      { href: '/sitemap', title: ctx.t('sitemap.title') },
    ];
    return sendPage(reply, SitemapPage({ ctx, pages }));
  });

  app.get('/help', async (request, reply) => {
    return sendPage(reply, HelpPage({ ctx: pageContext(request, reply, platform.sessions) }));
  });

  for (const page of RECOVERY_PAGES) {
    const on = page.ways.filter((way) => methods[way.on]);
    const off = page.ways.filter((way) => !methods[way.on]);
    app.get(page.path, async (request, reply) => {
      if (on.length === 0) return notEnabled(request, reply, platform, page.title);
      const ctx = pageContext(request, reply, platform.sessions);
      return sendPage(
        reply,
        RecoveryOptionsPage({
          ctx,
          title: ctx.t(page.title),
          intro: ctx.t(page.intro),
          options: on.map((way) => ({ href: way.path, title: ctx.t(way.title), text: ctx.t(way.text) })),
          off: off.map((way) => ctx.t(way.title)),
        }),
      );
    });
  }

  for (const feature of FEATURE_PAGES) {
    if (methods[feature.on]) continue;
    app.get(feature.path, (request, reply) => notEnabled(request, reply, platform, feature.title));
  }
}
