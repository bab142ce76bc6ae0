// Facts the project pass gathers once from every module (project.ts authGates, authErrorMaps). A module the
// rule gate deferred holds its facts only once analysed, so every deferred module whose text may hold the
// fact is analysed first: gathered without them, a list would hold a deferred module's fact or not by
// whether some earlier question had happened to analyse it, and findings would follow the listing order.

import type { ModuleFacts } from './js/Candidate.js';
import { authText } from './js/rules/authAcrossModules.js';

/** What gathering needs from the project pass. */
export interface GatherSources {
  readonly deferred: ReadonlyMap<string, string>;
  factsOf(file: string): ModuleFacts | undefined;
  modules(): Iterable<ModuleFacts>;
}

/**
 * One fact from every module, after analysing each deferred module whose text may hold it.
 *
 * @example
 * gathered(sources, mayHoldAuthGate, (m) => m.authGates ?? []) // guard.ts's gate, though the rule gate deferred it
 */
export function gathered<T>(
  sources: GatherSources,
  mayHold: (text: string) => boolean,
  take: (m: ModuleFacts) => readonly T[],
): T[] {
  for (const [file, text] of [...sources.deferred]) if (mayHold(text)) sources.factsOf(file);
  return [...sources.modules()].flatMap(take);
}

/** Can a module's text hold an auth gate (rules/authAcrossModules.ts asks the same before its walk)? */
export function mayHoldAuthGate(text: string): boolean {
  return authText(text);
}

/** Can it map an error class to 401/403 (rules/authErrorClasses.ts): `instanceof` and an answer's words? */
export function mayHoldAuthErrorMap(text: string): boolean {
  return text.includes('instanceof') && AUTH_WORDS.test(text);
}

/** Any way an answer of 401/403 is written (rules/authAnswers.ts), loosely. */
const AUTH_WORDS = /40[13]|den(?:y|ied)|nauthori|orbidden|nauthenticated|isAuthorized/i;
