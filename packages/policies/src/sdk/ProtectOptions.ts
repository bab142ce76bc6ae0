// What `protect` takes besides the client, and the checks it runs on it.

import { optionError, readOptions } from '@bulwark/errors';

/**
 * Options of `dependency.protect(client, options)`.
 *
 * @example
 * ```ts
 * import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
 * import { wrapDependency } from '@bulwark/policies';
 * const client = new DynamoDBClient({});
 * const reads = wrapDependency('orders-reads', { timeout: { attemptMs: 500 } });
 * const writes = wrapDependency('orders-writes', { timeout: { attemptMs: 2_000 } });
 * reads.protect(client, { commands: ['GetItemCommand', 'QueryCommand'] });
 * writes.protect(client, { commands: ['PutItemCommand', 'UpdateItemCommand'] });
 * ```
 */
export interface ProtectOptions {
  /**
   * Per-command mapping: only these commands (class names, as the SDK reports them in
   * `context.commandName`) run through this dependency. Several dependencies may then share one client,
   * each with its own commands (no command in two). Once a client is mapped, a command no dependency
   * maps is refused with a `TypeError` when sent: its SDK retries are off, so it must not run bare.
   * @defaultValue every command (the client belongs to this dependency alone)
   */
  readonly commands?: readonly string[];
}

/**
 * The defaults `protect` applies.
 *
 * @example
 * ```ts
 * import { DEFAULT_PROTECT_OPTIONS } from '@bulwark/policies';
 * DEFAULT_PROTECT_OPTIONS.commands; // undefined: every command
 * ```
 */
export const DEFAULT_PROTECT_OPTIONS: { readonly commands: undefined } = Object.freeze({
  commands: undefined,
});

/** The checked options: `commands` undefined means every command. */
export interface NormalizedProtectOptions {
  readonly commands: readonly string[] | undefined;
}

const KNOWN = ['commands'] as const;
const COMMAND_NAME = /^[A-Z][A-Za-z0-9]*Command$/;
const MAX_COMMANDS = 1_000;

/** Checks `options` (unknown keys, types, values) and returns the normalized shape. */
export function normalizeProtectOptions(owner: string, options: unknown): NormalizedProtectOptions {
  const read = readOptions(owner, options, KNOWN);
  const commands = read.commands ?? DEFAULT_PROTECT_OPTIONS.commands;
  // Stryker disable next-line ObjectLiteral: {} reads as commands undefined, the same shape to every reader
  if (commands === undefined) return { commands: undefined };
  if (!Array.isArray(commands) || commands.length === 0 || commands.length > MAX_COMMANDS) {
    throw optionError(
      owner,
      'options.commands',
      commands,
      `a non-empty array of at most ${MAX_COMMANDS} command names`,
      "e.g. ['GetItemCommand', 'QueryCommand'], or leave it out to protect every command",
    );
  }
  let names: unknown[];
  try {
    names = Array.from(commands as unknown[]);
  } catch {
    throw new TypeError(`${owner}: options.commands could not be read (a getter or Proxy threw)`);
  }
  const seen = new Set<string>();
  for (let index = 0; index < names.length; index++) {
    const name = names[index];
    if (typeof name !== 'string' || !COMMAND_NAME.test(name)) {
      throw optionError(
        owner,
        `options.commands[${index}]`,
        name,
        "a command class name ending in 'Command'",
        "e.g. 'GetItemCommand' (the class you pass to send)",
      );
    }
    if (seen.has(name)) {
      throw optionError(owner, `options.commands[${index}]`, name, 'listed once', 'remove the duplicate');
    }
    seen.add(name);
  }
  return { commands: Object.freeze([...seen]) };
}
