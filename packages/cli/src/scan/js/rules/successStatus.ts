// The 2xx status of an answer, shared by the success-answer rules: a 2xx literal, and an answer object whose
// statusCode is a constant 2xx that nothing after it can override (`{ statusCode: 200, ...init }` answers
// whatever `init` says, so it is no constant 2xx).
import { forEachDescendant, type Node, propertyName, unwrap } from '../ast.js';
import type { Binding, ModuleContext } from '../ModuleContext.js';

/** A 2xx status literal. */
export const is2xx = (n: Node | null | undefined): boolean => {
  const v = unwrap(n ?? undefined);
  return v?.type === 'Literal' && typeof v.value === 'number' && v.value >= 200 && v.value < 300;
};

/**
 * `{ statusCode: 200, body }`, `{ 'statusCode': 204 }`: an object whose last statusCode is a 2xx literal with
 * no spread or computed key after it.
 *
 * @example
 * constant2xxObject(parse('({ statusCode: 200, ...init })')) // false
 */
export function constant2xxObject(value: Node | null | undefined, defaulted?: string): boolean {
  const v = unwrap(value ?? undefined);
  if (v?.type !== 'ObjectExpression') return false;
  let success = false;
  for (const p of v.properties as Node[]) {
    const key = p.type === 'Property' ? propertyName(p.key as Node, p.computed as boolean) : undefined;
    const status = p.type === 'Property' ? unwrap(p.value as Node) : undefined;
    if (key === undefined) success = false;
    // `defaulted`: a parameter whose 2xx default the builder's caller leaves in place (successBuilders.ts).
    else if (key === 'statusCode')
      success =
        is2xx(status) ||
        (defaulted !== undefined && status?.type === 'Identifier' && status.name === defaulted);
  }
  return success;
}

// One walk per module, however many catches ask.
const successAnswers = new WeakMap<ModuleContext, ReadonlySet<Binding>>();

/** The names the module answers outside every catch clause (`return okStatus`, `=> okStatus`): its success answers. */
function answeredOnSuccess(ctx: ModuleContext): ReadonlySet<Binding> {
  const cached = successAnswers.get(ctx);
  if (cached !== undefined) return cached;
  const out = new Set<Binding>();
  const add = (n: Node | null | undefined) => {
    const v = unwrap(n ?? undefined);
    const bound = v?.type === 'Identifier' ? ctx.resolve(v.name as string, v) : undefined;
    if (bound !== undefined) out.add(bound);
  };
  forEachDescendant(ctx.program, (n) => {
    // A catch's answers (and those of functions inside it) are its failure answers, not the success path's.
    if (n.type === 'CatchClause') return false;
    if (n.type === 'ReturnStatement') add(n.argument as Node | null);
    else if (n.type === 'ArrowFunctionExpression' && (n.body as Node).type !== 'BlockStatement')
      add(n.body as Node);
    return undefined;
  });
  successAnswers.set(ctx, out);
  return out;
}

/**
 * A constant 2xx answer: the object itself, or a name the module binds by `const` to one (`const okStatus = {
 * statusCode: 200, body: 'OK' }`, answered as `return okStatus`) that it also answers outside every catch:
 * the one acknowledgement the module gives for success and failure alike. A `let` may have been given
 * another answer on the way and is not read; nor is a `const` a function builds for the moment (a catch's
 * own error page, `const result = { statusCode: 200, body: failurePage }`), nor a module's `const` only its
 * catches answer (`const authFailedPage = { statusCode: 200, body: '<p>Sign-in failed</p>' }`): both are
 * failure pages whose body may tell a browser what failed.
 *
 * @example
 * constant2xxAnswer(ctx, parse('okStatus')) // true after `const okStatus = { statusCode: 200 }`, also returned on success
 */
export function constant2xxAnswer(ctx: ModuleContext, value: Node | null | undefined): boolean {
  const v = unwrap(value ?? undefined);
  if (v?.type !== 'Identifier') return constant2xxObject(v);
  const bound = ctx.resolve(v.name as string, v);
  return (
    bound?.kind === 'const' &&
    bound.scope.type === 'Program' &&
    constant2xxObject(bound.init) &&
    answeredOnSuccess(ctx).has(bound)
  );
}

/** What the project pass knows of an imported answer builder (ExportFact). */
interface BuilderFact {
  readonly successAnswer?: true;
  readonly successDefaultAt?: number;
}

/**
 * Does a call handing `args` arguments to this imported builder answer 2xx: always, or because the call
 * leaves the status parameter at its 2xx default (`successResponse(data)` of `(data, statusCode = 200)`)?
 */
export const answersSuccess = (fact: BuilderFact | undefined, args: number | undefined): boolean =>
  fact?.successAnswer === true ||
  (fact?.successDefaultAt !== undefined && args !== undefined && args <= fact.successDefaultAt);
