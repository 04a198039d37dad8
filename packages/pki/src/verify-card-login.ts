/**
 * A whole card login, as a chain of small validators (web-eid's shape), cheapest and most local first:
 *   1. parse the posted certificate                     ERR_PKI_MALFORMED / ERR_PKI_INPUT_TOO_LARGE
 *   2. the signature over this login's challenge         signature/verify-challenge.ts
 *   3. the path to a trust anchor, the card's fitness    path/card.ts
 *   4. revocation of the card and every intermediate     revocation/check.ts (network last, failing closed)
 *   5. who the card says the holder is                   identity.ts
 * Each step throws a PkiError with a stable code; nothing is returned unless every step passed.
 *
 * @example
 *   const verifier = createCardLoginVerifier({ trustStore, expectedOrigin: 'https://login.example.gov.tw', clock, http, cache });
 *   const card = await verifier.verify({ signatureType: 'PKCS7', certb64, signature, cardSN, challenge: { tbs, nonce } });
 */
import type * as pkijs from 'pkijs';
import { decodeBase64, MAX_CERTIFICATE_BYTES, parseCertificate } from './certificate';
import { verifyChallengeSignature } from './signature';
import { validateCardCertificate, type PathCertificate, type TrustStore, type IssuerProfile } from './path';
import { cardIdentity, type CardIdentity } from './identity';
import { checkPathRevocation, type RevocationOk } from './revocation';
import type { Clock, HttpClient, RevocationCache } from './ports';

export interface CardLoginVerifierOptions {
  readonly trustStore: TrustStore;
  /** The platform's own origin (PUBLIC_URL's origin): a signed origin attribute must equal it. */
  readonly expectedOrigin: string;
  readonly clock: Clock;
  readonly http: HttpClient;
  readonly cache: RevocationCache;
  /** Per OCSP request; 5 s unless set (issue 4). */
  readonly ocspTimeoutMs?: number;
  /** A configured OCSP responder for some issuers, instead of the certificates' own AIA. */
  readonly ocspUrlFor?: (certificate: pkijs.Certificate, issuer: pkijs.Certificate) => string | undefined;
}

export interface CardLoginInput {
  readonly signatureType: 'PKCS7' | 'PKCS1';
  /** The signer certificate, base64 DER, as the component returns it (certb64). */
  readonly certb64: string;
  /** The signature, base64, as the component returns it. */
  readonly signature: string;
  /** The card serial the component reported (cardSN), if any. */
  readonly cardSN?: string;
  /** What this login's challenge was: the exact tbs text and its nonce. */
  readonly challenge: { readonly tbs: string; readonly nonce: Uint8Array };
}

export interface VerifiedCardLogin {
  readonly identity: CardIdentity;
  /** Card first, root last. */
  readonly path: readonly PathCertificate[];
  readonly profile: IssuerProfile;
  readonly revocation: readonly RevocationOk[];
  readonly signingTime?: Date;
  /** Present when the component signed the caller's origin (this project's component does). */
  readonly signedOrigin?: string;
  /** The card serial as signed by the card, when it was. */
  readonly cardSerial?: string;
}

export function createCardLoginVerifier(options: CardLoginVerifierOptions) {
  if (!options.trustStore) throw new TypeError('createCardLoginVerifier: trustStore is required');
  if (!/^https?:\/\/[^/]+$/.test(options.expectedOrigin)) {
    throw new TypeError(`createCardLoginVerifier: expectedOrigin must be an origin such as https://login.example.gov.tw, not ${options.expectedOrigin}`);
  }

  return {
    async verify(input: CardLoginInput): Promise<VerifiedCardLogin> {
      const certificate = parseCertificate(decodeBase64(input.certb64, 'certb64', MAX_CERTIFICATE_BYTES), 'certb64');

      const signed = await verifyChallengeSignature({
        signatureType: input.signatureType,
        signature: input.signature,
        certificate,
        challenge: input.challenge,
        expectedOrigin: options.expectedOrigin,
        ...(input.cardSN ? { cardSerial: input.cardSN } : {}),
      });

      const at = options.clock.now();
      const card = validateCardCertificate({ endEntity: certificate, trustStore: options.trustStore, at });

      const revocation = await checkPathRevocation(
        card.path.map((p) => p.certificate),
        {
          clock: options.clock,
          http: options.http,
          cache: options.cache,
          ...(options.ocspTimeoutMs !== undefined ? { timeoutMs: options.ocspTimeoutMs } : {}),
          ...(options.ocspUrlFor ? { ocspUrlFor: options.ocspUrlFor } : {}),
        },
      );

      // An issuer configured in the trust store decides the card's kind; otherwise the issuer-name heuristic does.
      const issuer = card.path[1];
      const issuerSki = issuer?.extensions.subjectKeyId;
      const configured = issuer && issuerSki && options.trustStore.hasOwnProfile(issuer);
      const identity = cardIdentity(certificate, configured ? { issuerKinds: { [issuerSki]: card.profile.cardKind } } : {});

      return {
        identity,
        path: card.path,
        profile: card.profile,
        revocation,
        ...(signed.signingTime ? { signingTime: signed.signingTime } : {}),
        ...(signed.signedOrigin ? { signedOrigin: signed.signedOrigin } : {}),
        ...(signed.cardSerial ? { cardSerial: signed.cardSerial } : {}),
      };
    },
  };
}

export type CardLoginVerifier = ReturnType<typeof createCardLoginVerifier>;
