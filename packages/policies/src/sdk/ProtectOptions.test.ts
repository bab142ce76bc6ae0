// protect's options: the documented default, every refusal with the whole message a user reads (rule and
// fix), and the bounds of `commands`.

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { wrapDependency } from '../wrapDependency.js';
import { DEFAULT_PROTECT_OPTIONS } from './ProtectOptions.js';

const credentials = { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local-secret' };
const client = () => new DynamoDBClient({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9', credentials });
const dep = (name = 'edna') => wrapDependency(name, { logger: false });

const LIST_FIX = "e.g. ['GetItemCommand', 'QueryCommand'], or leave it out to protect every command";
const NAME_FIX = "e.g. 'GetItemCommand' (the class you pass to send)";
/** `count` distinct command names. */
const commandNames = (count: number) => Array.from({ length: count }, (_, i) => `Op${i}Command`);

describe('protect options', () => {
  it('the documented default is every command', () => {
    expect(DEFAULT_PROTECT_OPTIONS).toEqual({ commands: undefined });
  });

  it.each([
    [
      { command: ['GetItemCommand'] },
      'edna.protect: unknown option "command"; did you mean "commands"? Valid: commands',
    ],
    [
      { commands: 'GetItemCommand' },
      `edna.protect: options.commands must be a non-empty array of at most 1000 command names, got "GetItemCommand"; ${LIST_FIX}`,
    ],
    [
      { commands: [] },
      `edna.protect: options.commands must be a non-empty array of at most 1000 command names, got an empty array; ${LIST_FIX}`,
    ],
    [
      { commands: ['GetItem'] },
      `edna.protect: options.commands[0] must be a command class name ending in 'Command', got "GetItem"; ${NAME_FIX}`,
    ],
    [
      { commands: ['GetItemCommand', 42] },
      `edna.protect: options.commands[1] must be a command class name ending in 'Command', got 42; ${NAME_FIX}`,
    ],
    [
      // Not a string, though it prints as a valid name: a route is keyed by the command's string name.
      { commands: [{ toString: () => 'GetItemCommand' }] },
      `edna.protect: options.commands[0] must be a command class name ending in 'Command', got an object; ${NAME_FIX}`,
    ],
    [
      { commands: ['GetItemCommand', 'GetItemCommand'] },
      'edna.protect: options.commands[1] must be listed once, got "GetItemCommand"; remove the duplicate',
    ],
    [[], 'edna.protect: options must be an object, got an empty array'],
  ])('%j is refused', (options, message) => {
    // Prepare
    const c = client();
    // Act + Assess
    expect(() => dep().protect(c, options as never)).toThrow(message);
  });

  it('1,000 commands are accepted, 1,001 refused', () => {
    // Prepare
    const atLimit = commandNames(1_000);
    const over = commandNames(1_001);
    // Act + Assess
    expect(() => dep('reads').protect(client(), { commands: atLimit })).not.toThrow();
    expect(() => dep('writes').protect(client(), { commands: over })).toThrow(
      `writes.protect: options.commands must be a non-empty array of at most 1000 command names, got an array of 1001 items; ${LIST_FIX}`,
    );
  });

  it('a commands list whose getter throws is a TypeError naming the field', () => {
    // Prepare
    const hostile = new Proxy(['GetItemCommand'], {
      get(target, key) {
        if (key === '0') throw new Error('boom');
        return Reflect.get(target, key);
      },
    });
    // Act + Assess
    expect(() => dep().protect(client(), { commands: hostile })).toThrow(
      'edna.protect: options.commands could not be read (a getter or Proxy threw)',
    );
  });
});
