// The conditions an infra-error-as-auth finding waits on: another module settles whether the call it guards
// is remote and whether a 401/403 answer follows (rules/authFacts.ts, authErrorClasses.ts, project pass).
// Kept apart from Candidate.ts, as terraformConditions.ts is, so that file stays one concept per screen.
import type { ImportRef } from './Candidate.js';

/**
 * The infra-error-as-auth part of a Candidate: each field names what in another module keeps the finding.
 * @example
 * const waiting: AuthConditions = { onlyIfAuthGated: ['verifySession'] };
 */
export interface AuthConditions {
  /**
   * An answer of 401/403 on the falsy result of this imported function: kept only when the imports lead
   * to a catch that answers falsy for any failure of a remote verifier; `{remote}` in the message names it.
   */
  readonly onlyIfImportVerifier?: ImportRef;
  /**
   * A catch that answers 401/403/Deny around awaited calls of these project imports: kept only when one of
   * them awaits a remote verifier or secret itself; `{remote}` in the message names it.
   */
  readonly onlyIfImportRemote?: readonly (ImportRef & { readonly method?: string })[];
  /** A catch raising these project error classes: kept only when one of them answers 401/403 (rules/authErrorClasses.ts). */
  readonly onlyIfImportAuthError?: readonly ImportRef[];
  /**
   * An error hook given only to these imported project adapters: dropped when every one of them calls it
   * only from a catch whose try awaits nothing (rules/authSstAdapters.ts, export fact `localAdapter`).
   */
  readonly unlessImportLocalAdapter?: readonly ImportRef[];
  /**
   * A catch answering "not verified" for any remote failure, reached from these exports: kept only when a
   * caller in some module answers 401/403 on one of them, directly or through helpers passing it on.
   */
  readonly onlyIfAuthGated?: readonly string[];
  /**
   * A catch answering 401/403 when the error's message holds `words`, around awaited calls of these project
   * imports: kept only when one of them raises that message for any failure of remote work (authRebrands.ts).
   */
  readonly onlyIfImportRebrands?: {
    readonly refs: readonly (ImportRef & { readonly method?: string })[];
    readonly words: readonly string[];
  };
}
