/**
 * The platform as the demo agency sees it: an OpenID Connect provider found by discovery
 * (OpenID Connect Discovery 1.0 §4), talked to with openid-client, and authenticated to with client_secret_basic.
 */
import * as client from 'openid-client';

export interface AgencyCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

/** The platform did not answer discovery: most often it is simply not started. */
export class PlatformUnreachableError extends Error {
  override readonly name = 'PlatformUnreachableError';
  readonly code = 'ERR_PLATFORM_UNREACHABLE';
  constructor(
    readonly platformUrl: URL,
    options: { cause: unknown },
  ) {
    const why = options.cause instanceof Error ? ` (${options.cause.cause instanceof Error ? options.cause.cause.message : options.cause.message})` : '';
    super(`the platform does not answer OpenID Connect discovery at ${new URL('/.well-known/openid-configuration', platformUrl).href}${why}`, options);
  }
}

/** Discovery of the platform with the agency's credentials; plain http is allowed only when PLATFORM_URL says http. */
export async function discoverPlatform(platformUrl: URL, credentials: AgencyCredentials): Promise<client.Configuration> {
  // Made outside discover(): a malformed secret is the caller's mistake (a TypeError), not an unreachable platform.
  return discover(platformUrl, credentials.clientId, client.ClientSecretBasic(credentials.clientSecret));
}

/** Fails with PlatformUnreachableError unless the platform answers discovery as the issuer `platformUrl`. */
export async function reachPlatform(platformUrl: URL): Promise<void> {
  // Discovery itself sends no credentials; the client_id is a placeholder.
  await discover(platformUrl, 'discovery-only', client.None());
}

async function discover(platformUrl: URL, clientId: string, auth: client.ClientAuth): Promise<client.Configuration> {
  try {
    return await client.discovery(platformUrl, clientId, undefined, auth, platformUrl.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : {});
  } catch (err) {
    throw new PlatformUnreachableError(platformUrl, { cause: err });
  }
}

/** invalid_client, whether in the body (RFC 6749 §5.2) or, with status 401, in WWW-Authenticate (RFC 6750 §3). */
export function isInvalidClient(err: unknown): boolean {
  if (err instanceof client.ResponseBodyError) return err.error === 'invalid_client';
  if (err instanceof client.WWWAuthenticateChallengeError) return err.status === 401 || err.cause.some((c) => c.parameters.error === 'invalid_client');
  return false;
}

/**
 * Whether the platform still knows these credentials. Asks the introspection endpoint (RFC 7662 §2.1) about a
 * token that does not exist: the platform authenticates the client first, so a known client hears
 * `active: false` and an unknown, disabled or re-keyed one hears `invalid_client` (RFC 6749 §5.2).
 */
export async function credentialsAccepted(platformUrl: URL, credentials: AgencyCredentials): Promise<boolean> {
  const config = await discoverPlatform(platformUrl, credentials);
  try {
    await client.tokenIntrospection(config, 'demo-agency-credentials-check');
    return true;
  } catch (err) {
    if (isInvalidClient(err)) return false;
    throw err;
  }
}
