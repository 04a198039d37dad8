/** Information pages (site map, help) and the addresses of functions not enabled on this server. */
import type { FastifyInstance } from 'fastify';
import type { MessageKey } from '@menhu/protocol';
import { pageContext, sendPage } from '../http/render';
import { SitemapPage } from '../views/SitemapPage';
import { HelpPage } from '../views/HelpPage';
import { NoticePage } from '../views/NoticePage';
import type { Availability } from '../methods/availability';
import type { RouteDeps } from './deps';

/**
 * Addresses the login page links to whose function lands in a later issue. Each answers 501 with a page that
 * says so plainly, in the reader's language, rather than a 404 or something that pretends to work.
 */
const FEATURE_PAGES: readonly { path: string; title: MessageKey; on: keyof Availability }[] = [
  { path: '/register', title: 'login.account.register', on: 'register' },
  { path: '/recover', title: 'login.account.forgotPassword', on: 'recoverPassword' },
  { path: '/recover/account', title: 'login.account.forgotAccount', on: 'recoverAccount' },
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
    app.get(feature.path, async (request, reply) => {
      const ctx = pageContext(request, reply, platform.sessions);
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
