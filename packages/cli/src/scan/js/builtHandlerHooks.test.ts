import { describe, expect, it } from 'vitest';
import { builtHandlerHooks, inBuiltHandlerHook } from './builtHandlerHooks.js';
import { contextOf } from './testing/parsed.js';

const SERVER = `const server = new ApolloServer({
  schema,
  context: async ({ event }) => ({ user: await loadUser(event) }),
  formatError: (e) => e,
});`;

describe('builtHandlerHooks', () => {
  it('reads the option functions of the instance a handler export is built from', () => {
    // Prepare
    const wrapped = contextOf(`${SERVER}\nexports.graphqlHandler = wrap(server.createHandler());`, 'h.js');
    const handed = contextOf(`${SERVER}\nexport const handler = toLambda(server);`, 'h.js');

    // Act
    const hooks = [builtHandlerHooks(wrapped).size, builtHandlerHooks(handed).size];

    // Assess
    expect(hooks).toEqual([2, 2]);
  });

  it('reads nothing for an export not named like a handler, or an instance no handler is built from', () => {
    // Prepare
    const notHandler = contextOf(`${SERVER}\nexports.server2 = server.createHandler();`, 'h.js');
    const other = contextOf(
      `${SERVER}\nconst app = express();\nexport const handler = serverless(app);`,
      'h.js',
    );

    // Act
    const hooks = [builtHandlerHooks(notHandler).size, builtHandlerHooks(other).size];

    // Assess
    expect(hooks).toEqual([0, 0]);
  });

  it('places a call inside the context hook, and not one at load', () => {
    // Prepare
    const ctx = contextOf(`${SERVER}\nsetup();\nexports.handler = server.createHandler();`, 'h.js');
    const calls = ctx.of('CallExpression');
    const loadUser = calls.find((c) => c.callee.name === 'loadUser');
    const setup = calls.find((c) => c.callee.name === 'setup');

    // Act
    const inside = [loadUser, setup].map((c) => c !== undefined && inBuiltHandlerHook(ctx, c));

    // Assess
    expect(inside).toEqual([true, false]);
  });
});
