import { describe, expect, it } from 'vitest';
import type { Node } from './ast.js';
import { builtHandlerHooks, builtHookImports, inBuiltHandlerHook } from './builtHandlerHooks.js';
import { inHandlerHook } from './rules/handlerHooks.js';
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

  it('reads a hook given by name: a module const, a function declaration, an import', () => {
    // Prepare
    const tail =
      'const server = new ApolloServer({ schema, context });\nexports.handler = server.createHandler();';
    const constHook = contextOf(`const context = async () => ({ user: await loadUser() });\n${tail}`, 'h.js');
    const declared = contextOf(
      `async function context() { return { user: await loadUser() }; }\n${tail}`,
      'h.js',
    );
    const imported = contextOf(
      "import { createContext } from './lib/context';\nconst server = new ApolloServer({ schema, context: createContext });\nexports.handler = server.createHandler();",
      '/app/h.js',
    );

    // Act
    const found = [
      builtHandlerHooks(constHook).size,
      builtHandlerHooks(declared).size,
      builtHookImports(imported),
    ];

    // Assess
    expect(found).toEqual([1, 1, [{ from: '/app/h.js', source: './lib/context', name: 'createContext' }]]);
  });

  it("reads the builder call's own options, and no package import given by name", () => {
    // Prepare
    const v4 = contextOf(
      'export const graphqlHandler = startServerAndCreateLambdaHandler(server, h, { context: async () => ({ user: await loadUser() }) });',
      'h.js',
    );
    const pkg = contextOf(
      "import { format } from 'apollo-errors';\nconst server = new ApolloServer({ formatError: format });\nexports.handler = server.createHandler();",
      'h.js',
    );

    // Act
    const found = [builtHandlerHooks(v4).size, builtHookImports(pkg).length];

    // Assess
    expect(found).toEqual([1, 0]);
  });
});

describe('inHandlerHook', () => {
  it('counts a statement in a hook of the server a handler is built from, not one in another server', () => {
    // Prepare
    const ctx = contextOf(
      [
        "const server = new ApolloServer({ context: async () => { logMetric('a'); return {}; } });",
        'const other = new ApolloServer({ context: async () => { track(); return {}; } });',
        'exports.handler = server.createHandler();',
      ].join('\n'),
      'h.js',
    );
    const named = (name: string) =>
      ctx.of('ExpressionStatement').find((s) => s.expression.callee?.name === name);

    // Act
    const inside = ['logMetric', 'track'].map((n) => inHandlerHook(ctx, named(n) as Node));

    // Assess
    expect(inside).toEqual([true, false]);
  });
});
