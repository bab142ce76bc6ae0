// swallowed-error: a `.catch(() => <empty>)` whose stand-in only words optional text. The awaited value
// (`const names = await resolveNames(ids).catch(() => ({}))`) is read only into prose that holds other
// parts too (a notification's sentence, a prompt's optional section), and the code plans for its absence
// (`names[id] ?? 'A user'`, `[head, text].filter(Boolean)`, `if (rates.length) section = ...`). The
// failure then costs a word or a section of text, never the work: the answer, write or send still goes
// out whole. Decided from the data flow, not from names: a stand-in that gates a call, is stored, keys a
// record (`USER#${name}`: no prose around it), or is the whole text of a message stays a finding.
import { calleeName, contains, type Node, stringValue, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { referencesOf } from './emittedIds.js';

/** Array methods whose answer still holds (parts of) the array's values. */
const CARRY = new Set(['filter', 'map', 'slice', 'sort', 'flat', 'concat', 'reverse']);
/** How deep `const a = stand-in; const b = a[k] ?? 'x'` is followed. */
const MAX_DEPTH = 3;

interface Flow {
  /** Every use ends in prose with other parts. */
  textOnly: boolean;
  /** Some use plans for the absent value (a text default, `filter(Boolean)`, a test picking a section). */
  planned: boolean;
}

/**
 * Is `call` (a `.catch` answering an empty value) awaited into a `const` whose every use only words
 * text among other text, with the absent value planned for? See the module comment.
 * @example textStandIn(ctx, call) // true for `const m = await names(ids).catch(() => ({})); send(`${m[id] ?? 'A user'} joined`)`
 */
export function textStandIn(ctx: ModuleContext, call: Node): boolean {
  const held = heldName(ctx, call);
  if (held === undefined) return false;
  const flow = bindingFlow(ctx, held.name, held.declaration, 0);
  return flow.textOnly && flow.planned;
}

/** The `const` the awaited chain lands in: directly, through `cond ? chain : ''`, or `Promise.all` destructuring. */
function heldName(ctx: ModuleContext, call: Node): { name: string; declaration: Node } | undefined {
  let node = call;
  let parent = ctx.parentOf(node);
  const through = (p: Node | undefined) =>
    p !== undefined &&
    (p.type === 'AwaitExpression' ||
      p.type === 'ParenthesizedExpression' ||
      p.type === 'TSAsExpression' ||
      (p.type === 'ConditionalExpression' &&
        p.test !== node &&
        emptyText(p.consequent === node ? p.alternate : p.consequent)));
  while (through(parent)) {
    node = parent as Node;
    parent = ctx.parentOf(node);
  }
  let index = -1;
  if (parent?.type === 'ArrayExpression') {
    // `const [a, b] = await Promise.all([x.catch(() => []), y.catch(() => [])])`
    index = (parent.elements as Node[]).indexOf(node);
    const all = ctx.parentOf(parent);
    if (all?.type !== 'CallExpression' || all.arguments[0] !== parent || calleeName(all) !== 'all')
      return undefined;
    node = all;
    parent = ctx.parentOf(node);
    while (through(parent)) {
      node = parent as Node;
      parent = ctx.parentOf(node);
    }
  }
  if (parent?.type !== 'VariableDeclarator' || unwrap(parent.init as Node) !== unwrap(node)) return undefined;
  const declaration = ctx.parentOf(parent);
  if (declaration?.type !== 'VariableDeclaration' || declaration.kind !== 'const') return undefined;
  const id = unwrap(parent.id as Node);
  const target =
    index < 0 ? id : id?.type === 'ArrayPattern' ? unwrap((id.elements as Node[])[index]) : undefined;
  if (target?.type !== 'Identifier') return undefined;
  // A destructured name is declared by its pattern's binding, not the declarator: ask the scope.
  const binding = ctx.resolve(target.name as string, target);
  return binding === undefined
    ? undefined
    : { name: target.name as string, declaration: binding.declaration };
}

/** Every use of a `const`: each must end in text; one planning for the absence is enough for `planned`. */
function bindingFlow(ctx: ModuleContext, name: string, declaration: Node, depth: number): Flow {
  // A destructured name's own identifier is listed among its references: not a use.
  const pattern = declaration.type === 'VariableDeclarator' ? (declaration.id as Node) : declaration;
  const refs = referencesOf(ctx, name, declaration).filter((r) => !contains(pattern, r));
  if (refs.length === 0 || depth > MAX_DEPTH) return { textOnly: false, planned: false };
  let planned = false;
  for (const ref of refs) {
    const flow = useFlow(ctx, ref, refs, depth);
    if (!flow.textOnly) return { textOnly: false, planned: false };
    planned ||= flow.planned;
  }
  return { textOnly: true, planned };
}

/** Follows one use up through reads of the value until it merges into prose, or fails. */
function useFlow(ctx: ModuleContext, ref: Node, refs: readonly Node[], depth: number): Flow {
  let node = ref;
  let planned = false;
  // Passed through `[a, b]`: a later `.join` merges the value with the other parts.
  let part = false;
  for (;;) {
    const parent = ctx.parentOf(node);
    if (parent === undefined) return { textOnly: false, planned };
    const t = parent.type;
    if (
      t === 'ParenthesizedExpression' ||
      t === 'TSAsExpression' ||
      t === 'TSNonNullExpression' ||
      t === 'ChainExpression'
    ) {
      node = parent;
    } else if (t === 'MemberExpression' && parent.object === node) {
      const call = ctx.parentOf(parent);
      const method = parent.computed ? undefined : (parent.property as Node).name;
      if (call?.type === 'CallExpression' && call.callee === parent) {
        if (method === 'join' && part) return { textOnly: true, planned };
        if (method !== 'join' && !CARRY.has(method as string)) return { textOnly: false, planned };
        if (method === 'filter' && unwrap(call.arguments[0] as Node)?.name === 'Boolean') planned = true;
        node = call;
      } else node = parent; // a field or an entry of the value: `names[id]`, `rates.length`
    } else if (
      t === 'LogicalExpression' &&
      parent.left === node &&
      (parent.operator === '??' || parent.operator === '||')
    ) {
      if (!proseLike(parent.right as Node)) return { textOnly: false, planned };
      planned = true;
      node = parent;
    } else if (t === 'TemplateLiteral') {
      // A tagged template (sql`...`) is a query, not text.
      return {
        textOnly: prose(parent) && ctx.parentOf(parent)?.type !== 'TaggedTemplateExpression',
        planned,
      };
    } else if (t === 'BinaryExpression' && parent.operator === '+') {
      const other = (parent.left === node ? parent.right : parent.left) as Node;
      return { textOnly: proseLike(other), planned };
    } else if (t === 'ArrayExpression' && (parent.elements as Node[]).length >= 2) {
      // `[header, text].filter(Boolean).join('\n')`: one part of a joined text.
      part = true;
      node = parent;
    } else if (t === 'IfStatement' && parent.test === node) {
      return { textOnly: picksSection(ctx, parent, refs), planned: true };
    } else if (t === 'UnaryExpression' && parent.operator === '!') {
      node = parent;
    } else if (
      t === 'VariableDeclarator' &&
      parent.init === node &&
      unwrap(parent.id as Node)?.type === 'Identifier'
    ) {
      const declaration = ctx.parentOf(parent);
      if (declaration?.type !== 'VariableDeclaration' || declaration.kind !== 'const')
        return { textOnly: false, planned };
      const next = bindingFlow(ctx, (unwrap(parent.id as Node) as Node).name as string, parent, depth + 1);
      return { textOnly: next.textOnly, planned: planned || next.planned };
    } else return { textOnly: false, planned };
  }
}

/** `if (rates.length) { section = '...' + ... }`: the test only picks whether local text gets a section. */
function picksSection(ctx: ModuleContext, statement: Node, refs: readonly Node[]): boolean {
  if (statement.alternate) return false;
  const body = statement.consequent as Node;
  const statements = body.type === 'BlockStatement' ? (body.body as Node[]) : [body];
  if (statements.length === 0) return false;
  return statements.every((s) => {
    const e = unwrap(s.type === 'ExpressionStatement' ? (s.expression as Node) : undefined);
    if (e?.type !== 'AssignmentExpression' || unwrap(e.left as Node)?.type !== 'Identifier') return false;
    const binding = ctx.resolve((unwrap(e.left as Node) as Node).name as string, e);
    // The section goes into a `let` of this function; the refs inside are judged on their own.
    return (
      binding?.kind === 'let' &&
      (proseLike(e.right as Node) || refs.some((r) => r.start >= e.start && r.end <= e.end))
    );
  });
}

/** A template with prose around its values (whitespace in a literal part), not a key like `USER#${id}`. */
function prose(template: Node): boolean {
  return (template.quasis as Node[]).some((q) => /\s/.test((q.value as { cooked?: string }).cooked ?? ''));
}

/** A string or template holding whitespace, or a `+` chain holding one. */
function proseLike(node: Node | undefined): boolean {
  const n = unwrap(node);
  if (n === undefined) return false;
  if (n.type === 'BinaryExpression' && n.operator === '+')
    return proseLike(n.left as Node) || proseLike(n.right as Node);
  if (n.type === 'TemplateLiteral') return prose(n);
  const text = stringValue(n);
  return text !== undefined && /\s|^[A-Z][a-z]/.test(text);
}

/** `''`, a template with no parts, or `""`: the other branch of `cond ? chain : ''`. */
function emptyText(node: Node | undefined): boolean {
  return stringValue(node) === '';
}
