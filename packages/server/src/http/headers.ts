/**
 * Security headers (helmet) and the two deliberate departures DESIGN.md names:
 * - pages that open the card component's popup need COOP `same-origin-allow-popups`; helmet's `same-origin`
 *   would cut `window.opener`, and the popup could not answer (HTML Standard §7.1.3, cross-origin opener policies);
 * - sign-in interaction pages carry no CSP `form-action`, because Chrome and Safari apply it to the redirect
 *   that follows the form's POST — the way back to the agency (CSP Level 3 §6.4.1 leaves this to browsers).
 * Scripts run only with the per-response nonce; styles come only from our own files.
 */
import type { FastifyHelmetOptions } from '@fastify/helmet';

type HelmetOptions = FastifyHelmetOptions;

function directives(formAction: boolean): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    'base-uri': ["'none'"],
    'script-src': ["'self'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    'frame-ancestors': ["'none'"],
    ...(formAction ? { 'form-action': ["'self'"] } : {}),
    'upgrade-insecure-requests': [],
  };
}

function profile(options: { formAction: boolean; opensComponent: boolean; https: boolean }): HelmetOptions {
  const csp = directives(options.formAction);
  // On plain http (a developer's machine) upgrade-insecure-requests would send the browser to an https that
  // does not exist.
  if (!options.https) delete csp['upgrade-insecure-requests'];
  return {
    contentSecurityPolicy: { useDefaults: false, directives: csp },
    crossOriginOpenerPolicy: { policy: options.opensComponent ? 'same-origin-allow-popups' : 'same-origin' },
    // A page that opens the localhost component must not demand CORP of it; we embed nothing cross-origin.
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: options.https ? { maxAge: 31536000, includeSubDomains: true } : false,
    frameguard: { action: 'deny' },
  };
}

export interface HeaderProfiles {
  /** Every page and answer unless a route says otherwise. */
  readonly standard: HelmetOptions;
  /** Sign-in interaction pages that also open the card component (the login page). */
  readonly signInWithComponent: HelmetOptions;
  /** Sign-in interaction pages that do not open the component. */
  readonly signIn: HelmetOptions;
  /** Pages that open the component but are not sign-in steps (environment check). */
  readonly withComponent: HelmetOptions;
}

export function headerProfiles(https: boolean): HeaderProfiles {
  return {
    standard: profile({ formAction: true, opensComponent: false, https }),
    signInWithComponent: profile({ formAction: false, opensComponent: true, https }),
    signIn: profile({ formAction: false, opensComponent: false, https }),
    withComponent: profile({ formAction: true, opensComponent: true, https }),
  };
}
