// Random values as random-id-nondeterministic sees them: a value made by (or built from) a random call,
// directly, through a constant, or through a helper of the module or a method of the same class, and the
// place where it is made, which is the line to change.
import {
  memberPath,
  type Node,
  objectProps,
  propertyName,
  someDescendant,
  unwrap,
  WRAPPERS,
} from '../ast.js';
import type { ImportRef } from '../Candidate.js';
import { type ModuleContext, mayBeProjectSource } from '../ModuleContext.js';
import { contextMemo } from '../textMemo.js';
import { clockNow } from './clockValues.js';
import { literalField } from './literalField.js';

// uuid's v1 and v7 are made from the clock and a random part, so they differ per attempt like v4; node's
// randomBytes (`randomBytes(16).toString('hex')`) is the other common hand-made id.
const RANDOM_CALL =
  /^(randomUUID|uuid|v4|v7|uuidv[147]|uuidV[147]|nanoid|ulid|cuid|cuid2|createId|generateId|randomBytes|Math\.random|Date\.now|crypto\.randomUUID|crypto\.randomBytes|uuid\.v[147])$/;

/**
 * The random call a value is (or is built from): `randomUUID()`, `` `CONF#${v4()}` ``, a constant holding
 * one, a module-local helper that returns one (`const newId = () => crypto.randomUUID()`), or a method of
 * the same class that does (`this.keyFor(m)`, `Store.keyFor(m)`), one step deep. A helper's return is read
 * with its own constants (`const stamp = Date.now(); return \`job-${id}-${stamp}\``), and a constant
 * of the value may hold such a helper's answer (`const jobName = jobNameFor(id)`).
 * Depth: 0 the value (reads constants and helpers), CONSTANT a constant's initialiser (reads helpers),
 * HELPER a helper's return (reads constants), LEAF nothing further.
 */
export function randomCallIn(ctx: ModuleContext, value: Node | undefined, depth = 0): Node | undefined {
  const v = ctx.valueOf(value);
  if (v === undefined) return undefined;
  // Asked again for the same value (a const's initialiser at every mention of its name, a property's value
  // by each rule that reads it): the walk below depends only on the module, the value and the depth.
  const cache = answersOf(ctx, depth);
  if (cache.has(v)) return cache.get(v);
  cache.set(v, undefined); // a helper that reaches itself through a constant ends here
  const found = walkRandom(ctx, v, depth);
  cache.set(v, found);
  return found;
}

/** randomCallIn's depths past the value itself: a constant's initialiser, a helper's return, neither read on. */
const CONSTANT = 1;
const HELPER = 2;
export const LEAF = 3;

const answers = new WeakMap<ModuleContext, Map<Node, Node | undefined>[]>();

/** randomCallIn's answers in this module, per depth (0, CONSTANT, HELPER, LEAF). */
function answersOf(ctx: ModuleContext, depth: number): Map<Node, Node | undefined> {
  let byDepth = answers.get(ctx);
  if (byDepth === undefined) {
    byDepth = [new Map(), new Map(), new Map(), new Map()];
    answers.set(ctx, byDepth);
  }
  return byDepth[Math.min(depth, LEAF)] as Map<Node, Node | undefined>;
}

/** The walk of randomCallIn over a value (already resolved through `valueOf`). */
function walkRandom(ctx: ModuleContext, v: Node, depth: number): Node | undefined {
  let found: Node | undefined;
  someDescendant({ type: 'Wrap', start: v.start, end: v.end, v } as Node, (n) => {
    // `` `CONF#${code}` `` with `const code = v4()` above.
    if (n.type === 'Identifier' && (depth === 0 || depth === HELPER) && n !== v) {
      const p = ctx.parentOf(n);
      if (
        (p?.type === 'MemberExpression' && p.property === n && !p.computed) ||
        (p?.type === 'Property' && p.key === n)
      )
        return false;
      // `offer.vendorId` of `const offer = { offerId: uuidv4(), vendorId }` (or `(offer as Offer).vendorId`):
      // only the field read counts, its value read as a value written here would be (literalField.ts).
      const read = fieldRead(ctx, n);
      const values = read === undefined ? undefined : literalField(ctx, read);
      const binding = values === undefined ? ctx.resolve(n.name as string, n) : undefined;
      if (values !== undefined) {
        for (const value of values) found ??= randomCallIn(ctx, value, depth);
      } else if (binding?.kind === 'const' && binding.init !== undefined)
        found = randomCallIn(ctx, binding.init, depth === 0 ? CONSTANT : LEAF);
      return found !== undefined;
    }
    if (clockNow(ctx, n) && !awaitedBetween(ctx, n, v)) {
      found = n;
      return true;
    }
    if (n.type !== 'CallExpression' || awaitedBetween(ctx, n, v)) return false;
    const path = memberPath(n.callee)?.join('.');
    if (path !== undefined && RANDOM_CALL.test(path)) {
      found = n;
      return true;
    }
    const helper =
      depth >= HELPER
        ? undefined
        : unwrap(n.callee)?.type === 'Identifier'
          ? ctx.functionOf(n.callee)
          : classMethodOf(ctx, n);
    found = helper !== undefined ? randomReturn(ctx, helper, HELPER) : undefined;
    return found !== undefined;
  });
  return found;
}

/** The member `x.f` whose object is the name `n`, through `as`, `!` and parentheses: `(offer as Offer).id`. */
function fieldRead(ctx: ModuleContext, n: Node): Node | undefined {
  let top = n;
  let p = ctx.parentOf(n);
  while (p !== undefined && WRAPPERS.has(p.type) && p.type !== 'ChainExpression') {
    top = p;
    p = ctx.parentOf(p);
  }
  return p?.type === 'MemberExpression' && p.object === top ? p : undefined;
}

/**
 * Is `node` inside an awaited expression within `top`? The answer of `await submit({ requestId: uuid() })`
 * is what the remote said, not the random value sent.
 */
function awaitedBetween(ctx: ModuleContext, node: Node, top: Node): boolean {
  for (let n = ctx.parentOf(node); n !== undefined && n !== ctx.parentOf(top); n = ctx.parentOf(n))
    if (n.type === 'AwaitExpression') return true;
  return false;
}

const RANDOM_PIECES = ['uuid', 'v4', 'v7', 'nanoid', 'ulid', 'cuid', 'createId', 'generateId', 'random'];

/**
 * Can any call in the module be one of RANDOM_CALL's? Every name there contains one of these pieces, and a
 * callee's member path is spelled in the source (`Date.now` as `Date` and `now`, whatever lies between):
 * a module without any has no random value, so the rules need not read its properties one by one. Asked
 * once per export by the key rules (wrappedKeys.ts), and answered once per context on its own word index:
 * `v4`, `v7` and `\u` are too short for the word index, so each asking searched the whole text again.
 */
export const mayCallRandom: (ctx: ModuleContext) => boolean = contextMemo(
  (ctx) =>
    // One native search per piece: an alternation of them in one expression cost several times more.
    // `\u` escapes can spell an identifier the text does not show: then the rules read the module.
    RANDOM_PIECES.some((w) => ctx.spells(w)) ||
    (ctx.spells('Date') && (ctx.spells('now') || ctx.spells('new Date()'))) ||
    ctx.spells('moment') ||
    ctx.spells('dayjs') ||
    ctx.spells('DateTime') ||
    ctx.spells('\\u'),
);

/**
 * The project import a key is built from a call of (`` `${epochSecondsNow()}-${id}` ``), for a key with no
 * random call of the module in it: the project pass keeps the finding when that import returns a random or
 * clock value (ExportFact.randomReturn). The first such call is the one asked about.
 */
export function importedCallIn(
  ctx: ModuleContext,
  value: Node | undefined,
): (ImportRef & { readonly args: number }) | undefined {
  const v = ctx.valueOf(value);
  if (v === undefined) return undefined;
  let found: (ImportRef & { readonly args: number }) | undefined;
  someDescendant({ type: 'Wrap', start: v.start, end: v.end, v } as Node, (n) => {
    if (n.type !== 'CallExpression' || awaitedBetween(ctx, n, v)) return false;
    const callee = unwrap(n.callee);
    if (callee?.type !== 'Identifier') return false;
    const binding = ctx.importOf(callee.name as string, callee);
    if (binding === undefined || binding.imported === '*' || !mayBeProjectSource(binding.source))
      return false;
    // The arguments passed, for a helper random only when one is omitted (a spread may pass any number).
    const args = n.arguments as Node[];
    const count = args.some((a) => a.type === 'SpreadElement') ? Number.POSITIVE_INFINITY : args.length;
    found = { from: ctx.file, source: binding.source, name: binding.imported, args: count };
    return true;
  });
  return found;
}

/** Is `value` (or what it is built from) a random or clock value made in this module? */
export function isRandom(ctx: ModuleContext, value: Node | undefined): boolean {
  return randomCallIn(ctx, value) !== undefined;
}

/** A record's id-like attribute: `id`, `PK`, `orderId`, `_id`, and the SQL spelling `order_id`. */
export const RECORD_ID_FIELD = /^(id|pk|PK|_id|[a-zA-Z]*(Id|ID)|[a-z][a-z0-9]*(_[a-z0-9]+)*_id)$/;

/** A row (an object literal, or a const holding one) whose id-like attribute is random. */
export function randomlyKeyed(ctx: ModuleContext, row: Node | undefined): boolean {
  const props = objectProps(ctx.valueOf(row));
  return (
    props !== undefined && [...props.props].some(([k, v]) => RECORD_ID_FIELD.test(k) && isRandom(ctx, v))
  );
}

/**
 * The random call a function returns (its expression body, or a `return` in its body): at HELPER depth
 * its own constants are read too, after the returned expression's own calls; by default only those.
 */
export function randomReturn(ctx: ModuleContext, fn: Node, depth = LEAF): Node | undefined {
  const body = fn.body as Node | undefined;
  if (body === undefined) return undefined;
  const read = (n: Node) =>
    randomCallIn(ctx, n, LEAF) ?? (depth === HELPER ? randomCallIn(ctx, n, HELPER) : undefined);
  if (body.type !== 'BlockStatement') return read(body);
  let found: Node | undefined;
  someDescendant(
    body,
    (n) => {
      if (n.type === 'ReturnStatement') found = read(n.argument as Node);
      return found !== undefined;
    },
    true,
  );
  return found;
}

/** The method a call names on its own class: `this.name(...)`, or `Class.name(...)` for a static one. */
function classMethodOf(ctx: ModuleContext, call: Node): Node | undefined {
  const callee = unwrap(call.callee);
  if (callee?.type !== 'MemberExpression' || callee.computed) return undefined;
  const name = propertyName(callee.property, false);
  const object = unwrap(callee.object);
  for (let n = ctx.parentOf(call); n !== undefined; n = ctx.parentOf(n)) {
    if (n.type !== 'ClassDeclaration' && n.type !== 'ClassExpression') continue;
    const own =
      object?.type === 'ThisExpression' || (object?.type === 'Identifier' && object.name === n.id?.name);
    if (!own) return undefined;
    for (const member of (n.body?.body as Node[] | undefined) ?? [])
      if (member.type === 'MethodDefinition' && propertyName(member.key, member.computed) === name)
        return member.value as Node;
    return undefined;
  }
  return undefined;
}

/**
 * Where a random key is made: the declarator of `const claimId = randomUUID()` when the property takes
 * the name (`PK: claimId`, `` SK: `AUDIT#${ts}#${claimId}` ``), so the finding points at the line to
 * change; else the property itself. A constant composed from such a name (`const s3Key =
 * `${userId}/${documentId}``, then `Key: s3Key`) is followed to the random name's declarator: the same
 * id is usually also written as the record's id, and both uses are one finding at the line that makes it.
 */
export function generatedAt(ctx: ModuleContext, prop: Node): Node {
  return madeAt(ctx, prop.value as Node | undefined, 0) ?? prop;
}

/** The declarator holding a key's random part, followed through up to three composing constants. */
function madeAt(ctx: ModuleContext, key: Node | undefined, depth: number): Node | undefined {
  let value = unwrap(key);
  // `` `CONF#${code}` `` or `network + '/' + key`: the key's random part is the name it interpolates (or
  // adds) that holds a random value.
  const parts = value?.type === 'TemplateLiteral' ? (value.expressions as Node[]) : addedParts(value);
  if (parts.length > 0) {
    const names = parts.filter((e) => unwrap(e)?.type === 'Identifier');
    const random = names.filter((e) => isRandom(ctx, e));
    // A random part written inline (`folder + '/' + Date.now()`) is made on the key's own line: the lone
    // name beside it (`const folder = message.folder`) holds nothing random, so the finding stays here.
    const inline = parts.some((p) => unwrap(p)?.type !== 'Identifier' && isRandom(ctx, p));
    value = unwrap(random.length === 1 ? random[0] : !inline && names.length === 1 ? names[0] : undefined);
  }
  // `offer.offerId`, read from a record built above: made at that record's own property (literalField.ts).
  const field = literalField(ctx, value)?.find((v) => isRandom(ctx, v));
  // At the record's own property (`offerId: uuidv4()`), or the later `offer.offerId = uuidv4()`.
  if (field !== undefined)
    return (depth < 3 ? madeAt(ctx, field, depth + 1) : undefined) ?? ctx.parentOf(field) ?? field;
  if (value?.type !== 'Identifier') return undefined;
  const binding = ctx.resolve(value.name as string, value);
  if (binding?.kind !== 'const' || binding.init === undefined) return undefined;
  const init = unwrap(binding.init as Node);
  const composed = init?.type === 'TemplateLiteral' || addedParts(init).length > 0;
  return (composed && depth < 3 ? madeAt(ctx, init, depth + 1) : undefined) ?? binding.declaration;
}

/** The operands of a `+` chain (`a + '/' + b`), left to right; none when `value` is no such chain. */
function addedParts(value: Node | undefined): Node[] {
  const v = unwrap(value);
  if (v?.type !== 'BinaryExpression' || v.operator !== '+') return [];
  const left = addedParts(v.left as Node);
  return [...(left.length > 0 ? left : [v.left as Node]), v.right as Node];
}

/** Does a key carry a record's own id that is not random (`${day}/${record.messageId}`, `${day}-${deal.id}`)? */
export function carriesRecordId(ctx: ModuleContext, value: Node | undefined): boolean {
  const v = ctx.valueOf(value);
  if (v === undefined) return false;
  let found = false;
  someDescendant({ type: 'Wrap', start: v.start, end: v.end, v } as Node, (n) => {
    const name =
      n.type === 'MemberExpression'
        ? propertyName(n.property, n.computed as boolean)
        : n.type === 'Identifier' && ctx.parentOf(n)?.type !== 'MemberExpression'
          ? (n.name as string)
          : undefined;
    found = name !== undefined && RECORD_ID_FIELD.test(name) && !isRandom(ctx, n);
    return found;
  });
  return found;
}
