// SST's function timeouts as the API timeout rules read them: seconds or a duration string, the longer
// branch of a stage ternary, and the place a fix goes (the module constant a timeout names).
import { escapeRegExp } from '../../escapeRegExp.js';
import { type Node, numberValue, stringValue, unwrap } from '../ast.js';
import { codeText } from '../codeText.js';
import type { ModuleContext } from '../ModuleContext.js';

/**
 * SST's timeout written as seconds or a duration string (through a constant; a stage ternary at its longer
 * branch); undefined when not a literal.
 * @example
 * sstSeconds(ctx, node) // 120 for `timeout: '2 minutes'`, 45 for `timeout: 45`
 */
export function sstSeconds(ctx: ModuleContext, node: Node | undefined, depth = 0): number | undefined {
  const value = ctx.valueOf(node) ?? unwrap(node);
  // A timeout chosen by stage (`app.stage === "prod" ? "30 seconds" : "60 seconds"`) runs, in some stage,
  // with the longer one: the function can outlive the gateway there.
  if (value?.type === 'ConditionalExpression' && depth < 3) {
    const both = [value.consequent, value.alternate].map((b) => sstSeconds(ctx, b as Node, depth + 1));
    const known = both.filter((s) => s !== undefined);
    return known.length === 0 ? undefined : Math.max(...known);
  }
  const n = numberValue(value);
  if (n !== undefined) return n;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(second|minute|hour)s?\s*$/.exec(stringValue(value) ?? '');
  if (m === null) return undefined;
  return Number(m[1]) * (m[2] === 'minute' ? 60 : m[2] === 'hour' ? 3600 : 1);
}

/**
 * Where a timeout is fixed: the module constant it names when several places read it (`timeout` of
 * `const timeout = ...`, one fix for every route, default and function using it, reported once there), else
 * the value as written (a constant read once is fixed where it is read, as CDK's are).
 * @example
 * timeoutSite(ctx, shorthandTimeout) // the declarator of `const timeout = app.stage === "prod" ? ... : ...`
 */
export function timeoutSite(ctx: ModuleContext, node: Node): Node {
  const n = unwrap(node);
  if (n?.type !== 'Identifier') return node;
  const name = n.name as string;
  const binding = ctx.resolve(name, n);
  if (binding?.kind !== 'const' || binding.init === undefined) return node;
  // Its reads in its scope's code: the name as a value, not as a key (`timeout: x`) nor a member (`props.timeout`); a shorthand
  // `{ timeout }` is a read.
  const reads = codeText(ctx, binding.scope).match(
    new RegExp(`(?<![\\w$.])${escapeRegExp(name)}(?![\\w$])(?!\\s*:(?!:))`, 'g'),
  );
  // the declaration's own `timeout =` is one match
  return (reads?.length ?? 0) > 2 ? binding.declaration : node;
}

/** The words naming the constant a timeout site is, for a message: '' when the value is written in place. */
export function siteWords(site: Node): string {
  return site.type === 'VariableDeclarator' && site.id?.type === 'Identifier'
    ? ` (the constant \`${site.id.name as string}\`, shared by everything that names it)`
    : '';
}
