// GraphQL resolvers, known by the type their code declares them with: `const forgotPassword:
// IFieldResolver<any, Context, Args> = async (_, args, ctx) => ...` (directly or through a local alias).
// The GraphQL server calls each resolver once per request it answers, so in a serverless project a
// resolver runs inside the API handler's invocation, however the resolver maps are merged on the way
// (object spreads and merge helpers the import graph does not show as calls).
import { type Node, unwrap } from './ast.js';
import { importedType } from './declaredTypes.js';
import type { ModuleContext } from './ModuleContext.js';
import { SourceWords, testSpelled } from './SourceWords.js';

/**
 * Resolver function types as the GraphQL packages declare them, `(source, args, context, info) => result`
 * with the context as their second type argument. (`ResolverFn` and `FieldResolver` are codegen's and
 * type-graphql's names, which no package of GRAPHQL_SOURCES exports: resolverType could never match them.)
 */
const RESOLVER_TYPES = /^(IFieldResolver|GraphQLFieldResolver)$/;

/**
 * The words of a module that may declare such a resolver: the rule gate (js/ruleGate.ts) admits it.
 *
 * @example
 * mayDeclareResolvers('const f: IFieldResolver<any, Ctx> = ...') // true
 */
export const mayDeclareResolvers = (source: string): boolean =>
  SourceWords.of(source).includes('Resolver') && /\b(?:IFieldResolver|GraphQLFieldResolver)\b/.test(source);
const GRAPHQL_SOURCES = /^(graphql$|@graphql-tools\/|graphql-tools$|apollo-server|@apollo\/server$)/;

/**
 * A type alias of this module (`type ForgotPassword = IFieldResolver<...>`), followed a few times.
 *
 * @example
 * aliasTarget(ctx, ref) // ForgotPassword of `type ForgotPassword = IFieldResolver<any, Ctx>` -> the IFieldResolver<any, Ctx> reference
 */
export function aliasTarget(ctx: ModuleContext, t: Node | undefined): Node | undefined {
  for (let depth = 0; depth < 3 && t?.type === 'TSTypeReference'; depth++) {
    const name = t.typeName?.name as string | undefined;
    const alias = (ctx.program.body as Node[])
      .map((s) => (s.type === 'ExportNamedDeclaration' ? (s.declaration as Node | null) : s))
      .find((d) => d?.type === 'TSTypeAliasDeclaration' && d.id?.name === name);
    if (alias === undefined || alias === null) return t;
    t = alias.typeAnnotation as Node;
  }
  return t;
}

/**
 * The GraphQL package's resolver type a type reference names, or undefined.
 *
 * @example
 * resolverType(ctx, ref) // IFieldResolver<any, Ctx> of `import { IFieldResolver } from '@graphql-tools/utils'` -> 'IFieldResolver'
 */
export function resolverType(ctx: ModuleContext, t: Node | undefined): string | undefined {
  if (t?.type !== 'TSTypeReference' || t.typeName?.type !== 'Identifier') return undefined;
  const imp = importedType(ctx, t.typeName.name as string, t.typeName as Node);
  return imp !== undefined && RESOLVER_TYPES.test(imp.imported) && GRAPHQL_SOURCES.test(imp.source)
    ? imp.imported
    : undefined;
}

/** Words of a module about GraphQL, and of a root type's resolver map. */
export const GRAPHQL_WORDS = /graphql|apollo|Resolvers\b|\bgql\b/i;
/**
 * A word every match of GRAPHQL_WORDS holds: a case-insensitive alternation is slow over a whole module. A
 * new alternative of GRAPHQL_WORDS needs its word here (rules/spelledWords.test.ts).
 */
export const GRAPHQL_SPELLED: readonly string[] = ['graphql', 'apollo', 'resolvers', 'gql'];
const ROOT_KEY = /\b(?:Query|Mutation|Subscription)\s*:/;

/** Words of a module that may hold a root type's resolver map (`Mutation: { ... }` near GraphQL words). */
const mayHoldResolverMap = (source: string): boolean =>
  testSpelled(GRAPHQL_WORDS, source, GRAPHQL_SPELLED) && ROOT_KEY.test(source);

/**
 * Words of a module that may hold a resolver, typed (mayDeclareResolvers) or in a root type's map: the rule
 * gate (js/ruleGate.ts) admits such a module, and inGraphqlResolver looks no further in any other.
 *
 * @example
 * mayHoldResolvers('export const mutations = { Mutation: { track: (_, a) => save(a.id) } }; // resolvers') // true
 */
export const mayHoldResolvers = (source: string): boolean =>
  mayHoldResolverMap(source) || mayDeclareResolvers(source);

/**
 * The function is a field resolver of a root type's map (`Mutation: { ping() { ... } }`, `Query: {
 * user: async (...) => ... }`): the object literal under a `Query`, `Mutation` or `Subscription` key, the
 * map GraphQL servers take their resolvers from.
 */
function inRootTypeMap(ctx: ModuleContext, fn: Node): boolean {
  const prop = ctx.parentOf(fn);
  if (prop?.type !== 'Property' || unwrap(prop.value) !== fn) return false;
  const fields = ctx.parentOf(prop);
  const root = fields?.type === 'ObjectExpression' ? ctx.parentOf(fields) : undefined;
  if (root?.type !== 'Property' || unwrap(root.value) !== fields) return false;
  const key = root.computed === true ? undefined : (root.key as Node | undefined);
  const name = key?.type === 'Identifier' ? key.name : key?.value;
  return name === 'Query' || name === 'Mutation' || name === 'Subscription';
}

/** Per module: the text tests below, run once per module rather than once per statement. */
const RESOLVER_TEXT = new WeakMap<ModuleContext, { maps: boolean; typed: boolean }>();

function resolverText(ctx: ModuleContext): { maps: boolean; typed: boolean } {
  let facts = RESOLVER_TEXT.get(ctx);
  if (facts === undefined) {
    facts = { maps: mayHoldResolverMap(ctx.source), typed: ctx.spells('Resolver') };
    RESOLVER_TEXT.set(ctx, facts);
  }
  return facts;
}

/**
 * The statement runs in a function declared as a GraphQL resolver: its variable's type is a resolver type
 * of a GraphQL package (or a local alias of one), or it is a field of a root type's resolver map.
 *
 * @example
 * inGraphqlResolver(ctx, stmt) // a statement of `const f: IFieldResolver<any, Ctx> = async (...) => { ... }` -> true
 */
export function inGraphqlResolver(ctx: ModuleContext, stmt: Node): boolean {
  const { maps, typed } = resolverText(ctx);
  if (!maps && !typed) return false;
  for (let fn = ctx.enclosingFunction(stmt); fn !== undefined; fn = ctx.enclosingFunction(fn)) {
    const parent = ctx.parentOf(fn);
    if (maps && inRootTypeMap(ctx, fn)) return true;
    if (parent?.type !== 'VariableDeclarator' || unwrap(parent.init) !== fn) continue;
    const declared = (parent.id?.typeAnnotation as Node | null)?.typeAnnotation as Node | undefined;
    if (resolverType(ctx, aliasTarget(ctx, declared)) !== undefined) return true;
  }
  return false;
}
