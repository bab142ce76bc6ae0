// A project's response builders whose HTTP status is fixed by the builder, not by its caller: the Serverless
// tutorials' `Responses` object (`_400(data) { return this._DefineResponse(400, data) }`), or a function
// `badRequest(body) => ({ statusCode: 400, body })`. A catch answering `Responses._400({ message })` answers a
// constant 400 as surely as one returning `{ statusCode: 400 }` (rules/silentBuilderAnswer.ts asks).
import {
  isFunction,
  memberPath,
  type Node,
  numberValue,
  objectProps,
  someDescendant,
  unwrap,
} from '../ast.js';
import { objectFunctions } from '../defaultObjectMethods.js';
import type { ModuleContext } from '../ModuleContext.js';

/** Where every answer of a builder takes its status from: one constant, or one of its parameters. */
type StatusSource = { readonly fixed: number } | { readonly param: number };

/** The name a parameter binds, through its default (`statusCode = 502`). */
function paramName(p: Node | undefined): string | undefined {
  const n = p?.type === 'AssignmentPattern' ? (p.left as Node) : p;
  return n?.type === 'Identifier' ? (n.name as string) : undefined;
}

/** The expressions `fn` answers with: its arrow body, or every `return`'s argument (none when one is bare). */
function answers(fn: Node): Node[] | undefined {
  const body = fn.body as Node;
  if (body.type !== 'BlockStatement') return [body];
  const found: Node[] = [];
  let bare = false;
  someDescendant(
    body,
    (n) => {
      if (n.type !== 'ReturnStatement') return false;
      if (n.argument == null) bare = true;
      else found.push(n.argument as Node);
      return false;
    },
    true,
  );
  return bare || found.length === 0 ? undefined : found;
}

/**
 * The status source of one answer: an object's constant `statusCode` (or one named for a parameter), or a
 * call handing a builder of `siblings` a constant where that builder takes its status.
 */
function answerStatus(
  ctx: ModuleContext,
  fn: Node,
  answer: Node,
  siblings: ReadonlyMap<string, Node>,
  depth: number,
): StatusSource | undefined {
  const a = unwrap(answer);
  const status = objectProps(a)?.props.get('statusCode');
  if (status !== undefined) {
    const fixed = numberValue(status);
    if (fixed !== undefined) return { fixed };
    const s = unwrap(status);
    const at =
      s?.type === 'Identifier' ? (fn.params as Node[]).findIndex((p) => paramName(p) === s.name) : -1;
    return at === -1 ? undefined : { param: at };
  }
  if (a?.type !== 'CallExpression' || depth > 2) return undefined;
  // `this._DefineResponse(400, data)`, `Responses.define(400, data)`, `define(400, data)`.
  // A method of the same object by its name; a function of the module by what the name binds.
  const name = memberPath(a.callee)?.at(-1);
  const callee = unwrap(a.callee);
  const target =
    (name === undefined ? undefined : siblings.get(name)) ??
    (callee?.type === 'Identifier' ? ctx.functionOf(callee) : undefined);
  if (target === undefined || target === fn || !isFunction(target)) return undefined;
  const inner = statusSource(ctx, target, siblings, depth + 1);
  if (inner === undefined || 'fixed' in inner) return inner;
  const fixed = numberValue((a.arguments as Node[])[inner.param]);
  return fixed === undefined ? undefined : { fixed };
}

function statusSource(
  ctx: ModuleContext,
  fn: Node,
  siblings: ReadonlyMap<string, Node>,
  depth = 0,
): StatusSource | undefined {
  const all = answers(fn);
  if (all === undefined) return undefined;
  let found: StatusSource | undefined;
  for (const answer of all) {
    const s = answerStatus(ctx, fn, answer, siblings, depth);
    if (s === undefined) return undefined;
    if (found !== undefined && JSON.stringify(found) !== JSON.stringify(s)) return undefined;
    found = s;
  }
  return found;
}

/**
 * The one constant status every answer of the function has, through a builder of the module it hands a
 * constant; undefined when a caller's argument, or a branch, decides it.
 *
 * @example
 * fixedStatus(ctx, parse('(body) => ({ statusCode: 400, body })')) // 400
 */
export function fixedStatus(ctx: ModuleContext, fn: Node): number | undefined {
  const s = isFunction(fn) ? statusSource(ctx, fn, new Map()) : undefined;
  return s !== undefined && 'fixed' in s ? s.fixed : undefined;
}

/**
 * An object literal of builders (`{ _DefineResponse(statusCode, data) {...}, _400(data) { return
 * this._DefineResponse(400, data) } }`): each method answering one constant status, by name.
 *
 * @example
 * fixedStatusMethods(ctx, responsesObject) // { _200: 200, _400: 400, _404: 404 }
 */
export function fixedStatusMethods(ctx: ModuleContext, value: Node): Record<string, number> | undefined {
  const object = value.type === 'Identifier' ? ctx.valueOf(value) : unwrap(value);
  if (object?.type !== 'ObjectExpression') return undefined;
  const methods = new Map(objectFunctions(ctx, object));
  const out: Record<string, number> = {};
  for (const [name, fn] of methods) {
    const s = statusSource(ctx, fn, methods);
    if (s !== undefined && 'fixed' in s) out[name] = s.fixed;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
