/**
 * Certificate policy processing (RFC 5280 §6.1.3(d)–(f), §6.1.4(h)(j)), reduced to what a card login needs.
 * Inputs in RFC terms: user-initial-policy-set = the issuer profile's allowedPolicies, initial-explicit-policy
 * = TRUE (the card must assert a policy), initial-policy-mapping-inhibit = TRUE, initial-any-policy-inhibit =
 * FALSE. Without mappings the valid_policy_tree collapses to a set of policies (or "any"), computed here.
 *
 * Policy mappings (§4.2.1.5) are never followed: a card whose policy is valid only through a mapping fails,
 * which keeps the check closed. The root is the trust anchor and contributes no policies (§6.1: the path
 * starts below it), as GRCA G3 carries none.
 */
import { OID } from '../oids';
import type { PathCertificate } from './cert-info';

export interface ValidPolicies {
  /** Every policy is valid (the tree still has an anyPolicy node). */
  readonly any: boolean;
  readonly policies: ReadonlySet<string>;
}

/**
 * The policies the path (EE first, root last) leaves valid after processing every certificate below the root,
 * the card included.
 */
export function validPolicies(path: readonly PathCertificate[]): ValidPolicies {
  const certs = path.slice(0, -1).reverse(); // top-down, root excluded
  const n = certs.length;
  let any = true;
  let valid = new Set<string>();
  // §6.1.2(j): inhibit_anyPolicy starts at n+1 when initial-any-policy-inhibit is not set.
  let inhibitAny = n + 1;
  certs.forEach((cert, index) => {
    const isLast = index === n - 1;
    const asserted = cert.extensions.policies;
    if (asserted === undefined) {
      // §6.1.3(e): no certificatePolicies → valid_policy_tree = NULL.
      any = false;
      valid = new Set();
    } else {
      const specific = asserted.filter((p) => p !== OID.anyPolicy);
      // §6.1.3(d)(2): anyPolicy counts while inhibit_anyPolicy > 0, or in a self-issued intermediate.
      const anyHonoured = asserted.includes(OID.anyPolicy) && (inhibitAny > 0 || (!isLast && cert.selfIssued));
      if (any) {
        valid = new Set(specific);
        any = anyHonoured;
      } else if (!anyHonoured) {
        valid = new Set([...valid].filter((p) => specific.includes(p)));
      }
      // else: a specific set stays as it is under an honoured anyPolicy.
    }
    if (!isLast) {
      if (!cert.selfIssued) inhibitAny = Math.max(0, inhibitAny - 1); // §6.1.4(h)(3)
      const skip = cert.extensions.inhibitAnyPolicy;
      if (skip !== undefined && skip < inhibitAny) inhibitAny = skip; // §6.1.4(j)
    }
  });
  return { any, policies: valid };
}
