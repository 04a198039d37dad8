/** Information pages (site map, help) and the addresses of functions not enabled on this server. */
import type { FastifyInstance } from 'fastify';
import type { MessageKey } from '@menhu/protocol';
import { pageContext, sendPage } from '../http/render';
import { SitemapPage } from '../views/SitemapPage';
import { HelpPage } from '../views/HelpPage';
import { NoticePage } from '../views/NoticePage';
import { RecoveryOptionsPage } from '../views/RecoveryOptionsPage';
import type { Availability } from '../methods/availability';
import type { RouteDeps } from './deps';

interface FeaturePage {
  readonly path: string;
  readonly title: MessageKey;
  readonly on: keyof Availability;
  /** Other ways to the same end: while the feature is off, those that are on are offered instead. */
  readonly instead?: readonly FeaturePage[];
}

/**
 * Addresses the login page links to whose function lands in a later issue. Each answers 501 with a page that
 * says so plainly, in the reader's language, rather than a 404 or something that pretends to work — or, when
 * another way to the same end is on, a page that leads there.
 */
const FEATURE_PAGES: readonly FeaturePage[] = [
  { path: '/register', title: 'login.account.register', on: 'register' },
  {
    path: '/recover',
    title: 'login.account.forgotPassword',
    on: 'recoverPassword',
    instead: [{ path: '/recover/card', title: 'login.manage.card', on: 'cardReset' }],
  },
  {
    path: '/recover/account',
    title: 'login.account.forgotAccount',
    on: 'recoverAccount',
    instead: [{ path: '/recover/account/card', title: 'recovery.accountTitle', on: 'card' }],
  },
  { path: '/recover/account/card', title: 'recovery.accountTitle', on: 'card' },
  { path: '/recover/hint', title: 'login.manage.hint', on: 'hintReset' },
  { path: '/recover/card', title: 'login.manage.card', on: 'cardReset' },
  { path: '/activate/card', title: 'login.manage.activate', on: 'cardActivate' },
  { path: '/login/mobile', title: 'login.mobile.heading', on: 'mobile' },
  { path: '/login/google', title: 'login.social.google', on: 'google' },
  { path: '/login/facebook', title: 'login.social.facebook', on: 'facebook' },
  { path: '/envcheck', title: 'feature.envCheck', on: 'envCheck' },
];

export function pageRoutes(app: FastifyInstance, { platform, methods }: RouteDeps): void {
  app.get('/sitemap', async (request, reply) => {
    const ctx = pageContext(request, reply, platform.sessions);
    const pages: { href: string; title: string }[] = [
      { href: '/login', title: ctx.t('login.title') },
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

  for (const feature of FEATURE_PAGES) {
    if (methods[feature.on]) continue;
    const instead = (feature.instead ?? []).filter((other) => methods[other.on]);
    app.get(feature.path, async (request, reply) => {
      const ctx = pageContext(request, reply, platform.sessions);
      if (instead.length > 0) {
        const options = instead.map((other) => ({ href: other.path, text: ctx.t(other.title) }));
        return sendPage(reply, RecoveryOptionsPage({ ctx, title: ctx.t(feature.title), options }));
      }
      const title = ctx.t('feature.notEnabledTitle');
      const message = ctx.t('feature.notEnabledBody', { feature: ctx.t(feature.title) });
      return sendPage(
        reply,
        NoticePage({ ctx, title, message, link: { href: '/login', text: ctx.t('feature.backToLogin') } }),
        501,
      );
    });
  }
}
