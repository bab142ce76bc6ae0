// Whether a try block only reads from other systems (by the verb of each call: `getUser`, `db.query`,
// `HeadObjectCommand`): a failed read there loses no work of its own. Shared by the best-effort read
// exemptions of swallowed-error (fallbackValueRead.ts, gatheredReads.ts).
import { calleeName, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { isIoNode } from './catchFacts.js';
import { readName, verbOf } from './ioVerbs.js';
import { v2ClientName } from './sdkV2Clients.js';

/** A read by its verb: `getUser`, `db.query`, `HeadObjectCommand`, `userinfo.get`, `fetchProfile`. */
const READ =
  /^(?:get|find|fetch|load|read|lookup|describe|head|query|retrieve|select|list|search|count|scan|Get|BatchGet|Head|Describe|Query|List|Scan|Search)(?![a-z])/;

const BODY = /^(transformToString|transformToByteArray|json|text|arrayBuffer|blob)$/;

/** SQL that only reads: `SELECT ...`, `WITH ... SELECT`. */
const SELECT = /^\s*\(?\s*(SELECT|WITH)\b/i;

/** The literal text of a string argument, or undefined when it is none (a call, a parameter). */
function textOf(ctx: ModuleContext, node: Node | undefined): string | undefined {
  const value = unwrap(ctx.valueOf(node));
  if (value?.type === 'Literal' && typeof value.value === 'string') return value.value;
  if (value?.type === 'TemplateLiteral')
    return (value.quasis as Node[]).map((q) => q.value?.raw ?? '').join('');
  return undefined;
}

/** A property of an object literal by its name (`{ method: 'POST' }`); null when the object has a spread. */
function propertyOf(object: Node, key: string): Node | undefined | null {
  const properties = object.properties as Node[];
  if (properties.some((p) => p.type === 'SpreadElement')) return null;
  const found = properties.find((p) => p.type === 'Property' && (p.key?.name ?? p.key?.value) === key);
  return found === undefined ? undefined : (found.value as Node);
}

/**
 * Whether a call named for a read reads by what it is given: `fetch` only with no options or a GET/HEAD
 * method (`fetch(url, { method: 'POST' })` writes); `query` only with SELECT/WITH text, or with an
 * object that carries no SQL text (DynamoDB's query params); `pool.query('INSERT ...')` writes.
 */
export function readsByArguments(ctx: ModuleContext, verb: string, call: Node): boolean {
  const args = call.arguments as Node[];
  if (verb === 'fetch') {
    if (args.length < 2) return true;
    const options = unwrap(ctx.valueOf(args[1]));
    if (options?.type !== 'ObjectExpression') return false;
    const method = propertyOf(options, 'method');
    if (method === null) return false;
    return method === undefined || /^(GET|HEAD)$/i.test(textOf(ctx, method) ?? '');
  }
  // DynamoDB's `query` only reads, whatever its parameters are (a function parameter, `{ ...params }`).
  if (verb === 'query' && dynamoV2Receiver(ctx, call)) return true;
  if (verb === 'query' || verb === 'execute') {
    const first = unwrap(ctx.valueOf(args[0]));
    if (first?.type === 'ObjectExpression') {
      const text = propertyOf(first, 'text') ?? propertyOf(first, 'sql');
      if (text === null) return false;
      return text === undefined || SELECT.test(textOf(ctx, text) ?? '');
    }
    return SELECT.test(textOf(ctx, first) ?? '');
  }
  return true;
}

/**
 * The call's receiver is an aws-sdk v2 DynamoDB client or DocumentClient (`const ddb = new
 * AWS.DynamoDB.DocumentClient()`, or one made in place), whose `query` takes no SQL: a SQL client's
 * `pool.query(text)` is still judged by its text.
 */
function dynamoV2Receiver(ctx: ModuleContext, call: Node): boolean {
  const callee = unwrap(call.callee);
  const r = callee?.type === 'MemberExpression' ? unwrap(callee.object as Node) : undefined;
  const binding = r?.type === 'Identifier' ? ctx.resolve(r.name as string, r) : undefined;
  const made = r?.type === 'NewExpression' ? r : unwrap(binding?.init as Node | undefined);
  if (made?.type !== 'NewExpression') return false;
  return /(?:^|\.)(?:DynamoDB|DocumentClient)$/.test(v2ClientName(ctx, made.callee as Node) ?? '');
}

/** Every call of the block that reaches another system reads (an awaited non-call, e.g. a stream, does not count). */
export function onlyReads(ctx: ModuleContext, block: Node): boolean {
  let reads = 0;
  const other = someDescendant(
    block,
    (n) => {
      if (!isIoNode(ctx, n)) return false;
      const call = n.type === 'AwaitExpression' ? unwrap(n.argument) : n;
      if (call?.type !== 'CallExpression') return true;
      const verb = verbOf(ctx, call);
      // Reading the body of an answer already read (`await out.Body.transformToString()`) is part of that read.
      if (BODY.test(verb)) return false;
      // v2's `ddb.query(params).promise()`: the parameters are the inner call's, not `.promise()`'s.
      const made = calleeName(call) === 'promise' ? unwrap(unwrap(call.callee)?.object) : undefined;
      const given = made?.type === 'CallExpression' ? made : call;
      if (!readName(verb, READ) || !readsByArguments(ctx, verb, given)) return true;
      reads++;
      return false;
    },
    true,
  );
  return !other && reads > 0;
}
