// A batch API's answer put whole into a success answer (`return { statusCode: 200, body: JSON.stringify({
// resp }) }`, `res.status(200).json({ out })`): the failure field travels in a body the sender never reads,
// since the status already said the delivery was taken. Serialising the answer is not looking at it; the
// entries the API refused are lost as surely as if it were only logged (rules/partialBatch.ts asks this).
import { calleeName, memberPath, type Node, numberValue, objectProps, unwrap } from '../ast.js';
import { isKeyName } from '../keyNames.js';
import type { ModuleContext } from '../ModuleContext.js';
import { everyLaterReference, printedReference } from './batchResultUse.js';
import { callbackAnswer } from './callbackAnswer.js';
import { responseParam } from './routeAnswer.js';

/** Nodes a value passes through on its way into a body without being read. */
const CARRIERS = new Set([
  'ObjectExpression',
  'ArrayExpression',
  'SpreadElement',
  'TemplateLiteral',
  'ParenthesizedExpression',
  'TSAsExpression',
  'TSNonNullExpression',
]);

const is2xx = (n: number | undefined) => n !== undefined && n >= 200 && n < 300;

/** `{ statusCode: 200, ... }` (or `status`): an answer that says the work was done. */
function successObject(node: Node | undefined): boolean {
  const props = objectProps(node)?.props;
  return is2xx(numberValue(props?.get('statusCode') ?? props?.get('status')));
}

/**
 * `res.json(x)`, `res.send(x)`, `res.status(201).json(x)` on the route's response parameter: 200 unless a
 * `status`/`code` call in the chain, an earlier `res.statusCode = n` or `res.writeHead(n)` says otherwise.
 */
function successReply(ctx: ModuleContext, call: Node): boolean {
  if (!/^(json|send|end)$/.test(calleeName(call) ?? '')) return false;
  let status: number | null | undefined;
  let at = unwrap(call.callee);
  while (at?.type === 'MemberExpression') {
    const object = unwrap(at.object as Node);
    if (object?.type !== 'CallExpression') break;
    if (status === undefined && /^(status|code|writeHead)$/.test(calleeName(object) ?? ''))
      status = numberValue((object.arguments as Node[])[0]) ?? null;
    at = unwrap(object.callee);
  }
  const root = at?.type === 'MemberExpression' ? unwrap(at.object as Node) : undefined;
  const fn = ctx.enclosingFunction(call);
  if (root?.type !== 'Identifier' || fn === undefined || responseParam(ctx, fn) !== root.name) return false;
  if (status === undefined) {
    const before = ctx.source.slice((fn.body as Node).start, call.start);
    const set = new RegExp(
      `(?<![\\w$.])${root.name}\\s*\\.\\s*(?:statusCode\\s*=|writeHead\\s*\\()\\s*(\\d+)?`,
      'g',
    );
    const last = [...before.matchAll(set)].at(-1);
    if (last !== undefined) status = last[1] === undefined ? null : Number(last[1]);
  }
  return status === undefined || (status !== null && is2xx(status));
}

/** `JSON.stringify(x)`: a serialisation, which reads no field. */
const isStringify = (call: Node) => memberPath(unwrap(call.callee))?.join('.') === 'JSON.stringify';

/** The reference goes, untouched, into the body of a success answer. */
function servedAsSuccess(ctx: ModuleContext, reference: Node): boolean {
  let at = reference;
  for (let p = ctx.parentOf(at); p !== undefined; at = p, p = ctx.parentOf(p)) {
    if (p.type === 'Property' && (p.value === at || p.shorthand === true)) continue;
    if (CARRIERS.has(p.type)) continue;
    const args = p.type === 'CallExpression' ? (p.arguments as Node[]) : [];
    if (args.includes(at) && isStringify(p)) continue;
    if (p.type === 'ReturnStatement') return successObject(at);
    if (p.type === 'ArrowFunctionExpression') return p.body === at && successObject(at);
    // `callback(null, { statusCode: 200, ... })`: a callback-era handler's answer (callbackAnswer.ts).
    if (p.type === 'CallExpression' && callbackAnswer(ctx, p) === at) return successObject(at);
    return args.includes(at) && successReply(ctx, p);
  }
  return false;
}

/**
 * Every later reference to `name` is printed or serialised into a success answer, and one is served.
 * @example
 * // const resp = await bus.send(cmd); return { statusCode: 200, body: JSON.stringify({ resp }) }
 * onlyServed(ctx, scope, 'resp', after) // true
 */
export function onlyServed(ctx: ModuleContext, scope: Node, name: string, after: number): boolean {
  let served = false;
  const all = everyLaterReference(scope, name, after, (n) => {
    if (isKeyName(ctx, n)) return true;
    if (servedAsSuccess(ctx, n)) served = true;
    else if (!printedReference(ctx, scope, n)) return false;
    return true;
  });
  return all && served;
}
