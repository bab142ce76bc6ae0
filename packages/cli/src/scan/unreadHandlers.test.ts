// The 'Event'-invoked subset of the unread handlers: a scheduled invoke by a variable is not a retried one.
import { describe, expect, it } from 'vitest';
import type { ModuleFacts } from './js/ModuleFacts.js';
import { envInvokedHandlerStrings, unreadHandlerStrings } from './unreadHandlers.js';

const modules = [
  { file: '/app/src/chat.ts', asyncInvokedEnv: ['GENERATOR_FN'], scheduledInvokedEnv: ['NIGHTLY_FN'] },
] as unknown as ModuleFacts[];
const envFunctions = [
  ['GENERATOR_FN', '/app/src/generator.handler'],
  ['NIGHTLY_FN', '/app/src/nightly.handler'],
  ['LOOKUP_FN', '/app/src/lookup.handler'],
] as const;

describe('envInvokedHandlerStrings', () => {
  it("keeps only the functions some module invokes with 'Event' by their variable", () => {
    // Act
    const handlers = envInvokedHandlerStrings(envFunctions, modules);

    // Assess
    expect(handlers).toEqual(['/app/src/generator.handler']);
  });

  it('is a subset of the unread handlers, which also take the scheduled one', () => {
    // Act
    const unread = unreadHandlerStrings([], envFunctions, modules);

    // Assess
    expect(unread).toEqual(['/app/src/generator.handler', '/app/src/nightly.handler']);
  });
});
