// Which sends of a dead-letter reader carry a dead-lettered message on. Reading a DLQ does not make every
// send of the module a re-drive: the same module defers its own work, queues new work elsewhere, or sweeps
// an outbox. A send is a re-drive when what it sends comes from the DLQ receive: the received variable, a
// message taken from it, or a value read out of that message (its body, a field destructured from it).
import { contains, forEachDescendant, type Node } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** A count compared against a limit (`attempt < maxAttempts`, `retries >= MAX_RETRIES`): a bound on the rounds. */
const COUNT_BOUND = /\b\w*(?:attempts?|retr(?:y|ies)|rounds?|redrives?)\w*\s*(?:<=?|>=?)\s*[\w.]+/i;

/** The identifiers a declaration binds: `x`, `{ a, b: c }`, `[m]`. */
function boundNames(pattern: Node | undefined): string[] {
  if (pattern === undefined || pattern === null) return [];
  if (pattern.type === 'Identifier') return [pattern.name as string];
  const names: string[] = [];
  forEachDescendant(pattern, (n) => {
    // A property's key is not a binding; its value (or the shorthand's identifier) is.
    if (n.type === 'Property' && n.shorthand !== true) {
      names.push(...boundNames(n.value));
      return false;
    }
    if (n.type === 'Identifier') names.push(n.name as string);
    return undefined;
  });
  return names;
}

function mentions(text: string, names: ReadonlySet<string>): boolean {
  for (const word of text.match(/[A-Za-z_$][\w$]*/g) ?? []) if (names.has(word)) return true;
  return false;
}

/**
 * The names in the receive's function that hold the dead-lettered message or a value read from it: the
 * variable the receive is assigned to, then (to a fixed point) every declaration or `for...of` whose value
 * reads one of those names.
 * @example dlqNames(ctx, receive) // Set { 'out', 'message', 'submissionID' } for `const { submissionID } = JSON.parse(message.Body)`
 */
export function dlqNames(ctx: ModuleContext, receive: Node): { fn: Node | undefined; names: Set<string> } {
  const fn = ctx.enclosingFunction(receive);
  const names = new Set<string>();
  const flows: { from: Node; to: Node }[] = [];
  forEachDescendant(fn ?? ctx.program, (n) => {
    if (n.type === 'VariableDeclarator' && n.init) flows.push({ from: n.init, to: n.id });
    else if (n.type === 'ForOfStatement') flows.push({ from: n.right, to: n.left });
    else if (n.type === 'AssignmentExpression') flows.push({ from: n.right, to: n.left });
    return undefined;
  });
  const text = (n: Node) => ctx.source.slice(n.start, n.end);
  for (let grew = true; grew; ) {
    grew = false;
    for (const { from, to } of flows) {
      if (!contains(from, receive) && !mentions(text(from), names)) continue;
      const target = to.type === 'VariableDeclaration' ? to.declarations?.[0]?.id : to;
      for (const name of boundNames(target))
        if (!names.has(name)) {
          names.add(name);
          grew = true;
        }
    }
  }
  return { fn, names };
}

/**
 * True when `send` (in the receive's function) sends what the DLQ receive gave, and no count of rounds
 * bounds it in that function.
 * @example carriesDeadLetter(ctx, send, flow, inputText) // false for `MessageBody: JSON.stringify({ jobId })` built fresh
 */
export function carriesDeadLetter(
  ctx: ModuleContext,
  send: Node,
  flow: { fn: Node | undefined; names: ReadonlySet<string> },
  inputText: string,
): boolean {
  if (flow.fn !== undefined && !contains(flow.fn, send)) return false;
  if (!mentions(inputText, flow.names)) return false;
  const scope = flow.fn ?? ctx.program;
  return !COUNT_BOUND.test(ctx.source.slice(scope.start, scope.end));
}
