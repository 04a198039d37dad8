/**
 * The whole certificate part of a card login in one call: the path to a root (validate.ts), then the card's
 * fitness for login (end-entity.ts). Revocation is checked afterwards, on the returned path.
 *
 * @example
 *   const { path, profile } = validateCardCertificate({ endEntity: certDer, trustStore, at: clock.now() });
 */
import type { EndEntityResult } from './end-entity';
import { checkEndEntity } from './end-entity';
import type { PathCertificate } from './cert-info';
import { validatePath, type ValidatePathOptions } from './validate';

export interface ValidatedCard extends EndEntityResult {
  /** Card first, root last. */
  readonly path: readonly PathCertificate[];
  readonly anchor: PathCertificate;
}

/** Throws PkiError for any reason the card may not log in; see validatePath and checkEndEntity. */
export function validateCardCertificate(options: ValidatePathOptions): ValidatedCard {
  const path = validatePath(options);
  const result = checkEndEntity({ path, trustStore: options.trustStore, at: options.at });
  return { ...result, path, anchor: path[path.length - 1]! };
}
