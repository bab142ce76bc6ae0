// `dependency.protect(client)`: puts an AWS SDK v3 client behind a dependency, in the shape of Powertools
// Tracer's captureAWSv3Client (a middleware on the client's own stack), so every `send`, whoever makes
// it (your code, a DynamoDBDocumentClient built from it, Powertools idempotency), runs through the chain.

import { describeValue, optionError } from '@bulwark/errors';
import { bindHandler } from './attemptTransport.js';
import { ClientRoutes, type ProtectTarget } from './ClientRoutes.js';
import { disableSdkRetries } from './noRetryStrategy.js';
import { normalizeProtectOptions } from './ProtectOptions.js';
import { PROTECT_MIDDLEWARE_NAME, protectMiddleware } from './protectMiddleware.js';
import type { ProtectableClient, SdkMiddlewareStack } from './SdkClient.js';

/** What the chain tells protect about itself (not part of the public Dependency). */
export interface ProtectFacts {
  readonly attemptMs: number;
  readonly hasFallback: boolean;
}

/** Routes per middleware stack: one per client (a DocumentClient shares its base client's). */
const ROUTES = new WeakMap<object, ClientRoutes>();

function isClient(value: unknown): value is ProtectableClient {
  // Stryker disable next-line ConditionalExpression: null would throw on the next read, inside protect's try: the same TypeError
  if (value === null) return false;
  if (typeof value !== 'object') return false;
  const candidate = value as Partial<Record<'middlewareStack' | 'config' | 'send', unknown>>;
  const stack = candidate.middlewareStack as Partial<Record<'add' | 'addRelativeTo' | 'identify', unknown>>;
  return (
    typeof candidate.send === 'function' &&
    typeof candidate.config === 'object' &&
    candidate.config !== null &&
    typeof stack === 'object' &&
    // Stryker disable next-line ConditionalExpression: a null stack throws on the next read, inside protect's try: the same TypeError
    stack !== null &&
    typeof stack.add === 'function' &&
    typeof stack.addRelativeTo === 'function' &&
    // Stryker disable next-line ConditionalExpression: protect calls identify() inside its try: a non-function throws the same TypeError
    typeof stack.identify === 'function'
  );
}

/**
 * Protects `client` for `target`. Everything is checked before anything on the client changes, so a
 * refused call leaves the client as it was.
 */
export function protectClient<C extends ProtectableClient>(
  target: ProtectTarget,
  client: C,
  options: unknown,
  facts: ProtectFacts,
): C {
  const owner = `${target.name}.protect`;
  let stack: SdkMiddlewareStack;
  let config: object;
  let names: string[];
  try {
    if (!isClient(client)) throw undefined;
    stack = client.middlewareStack as unknown as SdkMiddlewareStack;
    config = client.config;
    names = stack.identify();
  } catch {
    throw optionError(
      owner,
      'client',
      client,
      'an AWS SDK v3 client (middlewareStack, config and send)',
      'e.g. new DynamoDBClient({})',
    );
  }
  if (facts.hasFallback) {
    throw new TypeError(
      `${owner}: the dependency has a fallback, but a protected client's send must resolve to the command's output; protect a dependency without a fallback and catch around the send (or use execute with its own fallback)`,
    );
  }
  const normalized = normalizeProtectOptions(owner, options);
  let routes = ROUTES.get(stack);
  if (routes === undefined) {
    if (names.some((name) => name.startsWith(PROTECT_MIDDLEWARE_NAME))) {
      throw optionError(
        owner,
        'client',
        client,
        'a client not yet protected',
        'it is protected by another copy of @bulwark/policies; protect it with one copy',
      );
    }
    if (!names.some((name) => name.startsWith('retryMiddleware'))) {
      throw optionError(
        owner,
        'client',
        client,
        "a client with the SDK's retryMiddleware on its stack",
        'protect replaces its retry strategy; a client without one is not an SDK v3 client protect knows',
      );
    }
    if (!Object.isExtensible(config) || Object.isFrozen(config)) {
      throw optionError(
        owner,
        'client',
        client,
        'a client whose config can be changed',
        'its config is frozen, sealed or not extensible',
      );
    }
    const problem = bindHandler((config as { requestHandler?: unknown }).requestHandler, facts.attemptMs);
    if (problem !== undefined) {
      throw optionError(
        owner,
        'client',
        client,
        'a client whose request handler takes an AbortSignal',
        problem,
      );
    }
    routes = new ClientRoutes();
    disableSdkRetries(config);
    stack.addRelativeTo(protectMiddleware(routes), {
      relation: 'before',
      toMiddleware: 'retryMiddleware',
      name: PROTECT_MIDDLEWARE_NAME,
      tags: [
        'BULWARK',
        // Stryker disable next-line StringLiteral: removing the SDK's retryMiddleware drops ours with it (its anchor), so the tag changes nothing
        'RETRY',
      ],
      // Stryker disable next-line BooleanLiteral: never reached with our name on the stack (refused above), so override has nothing to replace
      override: false,
    });
    ROUTES.set(stack, routes);
    // A client built with `cacheMiddleware: true` keeps the handlers it resolved per command class; drop
    // them (as the SDK's own send and destroy do) so commands sent before protect see the new stack.
    Reflect.deleteProperty(client, 'handlers');
  } else {
    const conflict = routes.conflict(normalized.commands);
    if (conflict !== undefined) {
      throw new TypeError(
        `${owner}: client must be protected once per dependency, got ${describeValue(client)} ${conflict}; create one client per dependency, or map commands with protect(client, { commands: [...] }) on each`,
      );
    }
  }
  routes.add(target, normalized.commands);
  return client;
}
