// Error classes whose 401/403 is decided where the class is declared, not where it is thrown: `catch {
// throw new TokenError('invalid token') }` with `class TokenError extends HttpError { constructor(m) {
// super(401, m) } }` in an errors module, or `statusCode = 401` as a field. The catch that wraps every
// failure in such a class answers an outage as 401 as surely as one calling `res.status(401)`.
import {
  forEachDescendant,
  memberPath,
  type Node,
  propertyName,
  someDescendant,
  unwrap,
  wrap,
} from '../ast.js';
import type { ImportRef } from '../Candidate.js';
import type { ModuleContext } from '../ModuleContext.js';
import { spelledWithin } from '../namesWithin.js';
import { importRefOf } from '../sdkOptions.js';
import { answersAuthFailure, isAuthStatus } from './authAnswers.js';
import { OWN_ERROR_CLASS } from './authFacts.js';

const STATUS_FIELD = /^(status|statusCode|httpStatus|httpStatusCode|code)$/;

/** Does this class answer 401/403 itself: its base is an auth error, or it sets the status? */
export function authErrorClass(ctx: ModuleContext, cls: Node): boolean {
  const base = unwrap(cls.superClass as Node | undefined);
  if (base !== undefined && base !== null) {
    const probe = { type: 'NewExpression', start: base.start, end: base.end, callee: base, arguments: [] };
    if (answersAuthFailure(wrap(probe as Node), ctx) !== undefined) return true;
  }
  return someDescendant(
    cls.body as Node,
    (n) => {
      // `statusCode = 401` / `readonly status = HttpStatus.UNAUTHORIZED` as a class field.
      if (n.type === 'PropertyDefinition')
        return (
          STATUS_FIELD.test(propertyName(n.key, n.computed as boolean) ?? '') && isAuthStatus(n.value, ctx)
        );
      // `super(401, message)`, `super(message, { status: 403 })`.
      if (n.type === 'CallExpression' && unwrap(n.callee)?.type === 'Super')
        return (
          answersAuthFailure(
            wrap({ ...n, type: 'NewExpression', callee: { type: 'Identifier', name: 'HttpError' } } as Node),
            ctx,
          ) !== undefined
        );
      // `this.statusCode = 401`.
      return n.type === 'AssignmentExpression' && answersAuthFailure(wrap(n), ctx) !== undefined;
    },
    // The constructor is a function: its `super(401, ...)` counts.
    false,
  );
}

/** `throw new X(...)`, `next(new X())`, `reject(new X())`: the error classes a catch answers with. */
function raisedClasses(body: Node): Node[] {
  const callees: Node[] = [];
  someDescendant(
    body,
    (n) => {
      if (n.type !== 'NewExpression') return false;
      const callee = unwrap(n.callee as Node);
      if (callee !== undefined && /^[A-Z]/.test(memberPath(callee)?.at(-1) ?? '')) callees.push(callee);
      return false;
    },
    true,
  );
  return callees;
}

/**
 * What the error a catch raises says about its answer: `local` when a class of this module answers
 * 401/403, `imported` for project classes whose declaration decides (settled in the project pass).
 */
export function raisedAuthClass(
  ctx: ModuleContext,
  body: Node,
): { local: true } | { imported: ImportRef[] } | undefined {
  const imported: ImportRef[] = [];
  for (const callee of raisedClasses(body)) {
    const binding = callee.type === 'Identifier' ? ctx.resolve(callee.name as string, callee) : undefined;
    const declared =
      binding?.kind === 'class'
        ? binding.declaration
        : binding !== undefined
          ? ctx.valueOf(callee)
          : undefined;
    if (declared?.type === 'ClassDeclaration' || declared?.type === 'ClassExpression') {
      if (authErrorClass(ctx, declared)) return { local: true };
      continue;
    }
    const ref = importRefOf(ctx, callee);
    if (ref !== undefined && ctx.projectImports.has((memberPath(callee) ?? [])[0] ?? '')) imported.push(ref);
  }
  return imported.length > 0 ? { imported } : undefined;
}

/**
 * Project error classes this module answers 401/403 for by their class: an error middleware's `if (err
 * instanceof TokenError) return res.status(401)...`. A catch elsewhere that raises such a class for any
 * failure answers an outage as 401 although the class itself carries no status.
 */
export function authErrorMaps(ctx: ModuleContext): ImportRef[] {
  if (!ctx.spells('instanceof')) return [];
  // The keyword is spelled inside every `instanceof` test: subtrees whose text holds none are not walked
  // (most of a module that tests one class somewhere). The order of the rest is the full walk's.
  const holds = spelledWithin(ctx.source, 'instanceof');
  const mapped: { cls: Node; ref: ImportRef }[] = [];
  const otherwise = new Set<string>();
  forEachDescendant(ctx.program, (n) => {
    if (!holds(n)) return false;
    if (n.type !== 'IfStatement' && n.type !== 'ConditionalExpression') return true;
    const tested = positivelyTested(n.test as Node);
    if (tested.length === 0) return true;
    if (answersAuthFailure(wrap(n.consequent as Node), ctx) === undefined) {
      // `if (err instanceof AppErr) return badRequest(err)`, `err instanceof AppErr ? badRequest(err) : ...`:
      // the same class answered with another status. A predicate (`return true`) or a pass-on (`next(err)`)
      // is no answer.
      if (answersOtherStatus(n.consequent as Node, ctx))
        for (const cls of tested) otherwise.add(classKey(cls));
      return true;
    }
    for (const cls of tested) {
      // A project's catch-all base (`AppError`) carries the status each raise gives it: mapping it to 401
      // in one place does not make every raise of it an auth answer.
      if (OWN_ERROR_CLASS.test(cls?.name ?? '')) continue;
      const ref = cls === undefined ? undefined : importRefOf(ctx, cls);
      if (ref !== undefined && ctx.projectImports.has(memberPath(cls)?.[0] ?? '')) mapped.push({ cls, ref });
    }
    return true;
  });
  // A class this module answers 401 in one place and 400/500 in another is a general-purpose error whose
  // status each catch picks (`if (err instanceof VisibleError) return unauthorized(err)` after a session
  // check, `... return badRequest(err)` after validation): its raises elsewhere say nothing about 401.
  return mapped.filter((m) => !otherwise.has(classKey(m.cls))).map((m) => m.ref);
}

/** The tested class as written (`VisibleError`, `errors.TokenError`). */
function classKey(cls: Node | undefined): string {
  return (memberPath(cls) ?? []).join('.');
}

/**
 * The classes a test holds for its consequent: `err instanceof A`, either side of `&&`/`||`. Under `!` the
 * consequent is for every other error (`if (!(err instanceof A)) throw ...`), so nothing is tested there.
 */
function positivelyTested(test: Node | undefined): Node[] {
  const t = unwrap(test);
  if (t?.type === 'LogicalExpression')
    return [...positivelyTested(t.left as Node), ...positivelyTested(t.right as Node)];
  if (t?.type === 'BinaryExpression' && t.operator === 'instanceof') return [unwrap(t.right) as Node];
  return [];
}

/** 4xx/5xx other than 401/403: the status of an answer that is not an auth failure. */
function otherStatus(node: Node | undefined, ctx: ModuleContext): boolean {
  const v = unwrap(node);
  const value = v?.type === 'Identifier' ? ctx.valueOf(v) : v;
  const code = value?.type === 'Literal' && typeof value.value === 'number' ? value.value : undefined;
  return code !== undefined && code >= 400 && code < 600 && !isAuthStatus(value, ctx);
}

/** Builders named for a status other than 401/403: `badRequest(err)`, `internalError()`, `new NotFoundException()`. */
const OTHER_STATUS_NAME =
  /^(send|respond|reply|return)?(badRequest|notFound|conflict|gone|unprocessable\w*|tooManyRequests|internal(Server)?Error|serverError|serviceUnavailable|unavailable|badGateway)(Response|Error|Exception)?$/i;

/**
 * The branch answers with a status other than 401/403: a builder named for one, a status given to a
 * response (`res.status(400)`, `reply(500, body)`, `new HttpError(422, m)`) or set as a field (`{ statusCode:
 * 500 }`, `ctx.status = 404`). Returning a boolean or null, or passing the error on (`next(err)`, `throw
 * wrap(err)`, `new Error(m, { cause })`), answers nothing.
 */
function answersOtherStatus(consequent: Node, ctx: ModuleContext): boolean {
  return someDescendant(
    wrap(consequent),
    (n) => {
      if (n.type === 'Property') {
        const key = propertyName(n.key, n.computed as boolean);
        return (key === 'statusCode' || key === 'status') && otherStatus(n.value, ctx);
      }
      if (n.type === 'AssignmentExpression') {
        const left = unwrap(n.left);
        const prop =
          left?.type === 'MemberExpression' ? propertyName(left.property, left.computed) : undefined;
        return (prop === 'status' || prop === 'statusCode') && otherStatus(n.right, ctx);
      }
      if (n.type !== 'CallExpression' && n.type !== 'NewExpression') return false;
      const name = memberPath(unwrap(n.callee as Node))?.at(-1) ?? '';
      return OTHER_STATUS_NAME.test(name) || (n.arguments as Node[]).some((a) => otherStatus(a, ctx));
    },
    true,
  );
}
