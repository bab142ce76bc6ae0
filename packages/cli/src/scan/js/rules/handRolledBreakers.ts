// in-process-breaker-state for a circuit breaker a project writes itself: its counters and open/closed
// state kept in module memory (`const circuitBreakerState = new Map()`, `let breakerOpenUntil = 0`, a
// `circuits = {}` keyed by dependency). In a Lambda each execution environment has its own copy, so the
// breaker sees one instance's traffic and a fleet of instances each fails on its own before any stops
// calling; a cold start forgets an open circuit. Reported at the declaration of that state, in a module
// that holds a handler or, for a shared breaker module, when a handler reaches one of its exports (the
// project pass, ModuleFacts' importer uses). Not reported when the module also speaks to a shared store
// (DynamoDB, Redis, SSM Parameter Store, ElastiCache): the memory may then be a cache of shared state.

import { escapeRegExp } from '../../escapeRegExp.js';
import { type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { Report } from './Report.js';

/** A name for breaker state: the word circuit or breaker in it. */
export const BREAKER_NAME = /circuit|breaker/i;
/** BREAKER_NAME's words (spelledWords.test.ts holds them together). */
export const BREAKER_WORDS: readonly string[] = ['circuit', 'breaker'];
/** A store the state may live in instead of memory. */
const SHARED_STORE =
  /@aws-sdk\/client-(?:dynamodb|ssm)|@aws-sdk\/lib-dynamodb|\bioredis\b|['"`]redis['"`]|DynamoDB|SSM\b/;

/** A value that holds state a breaker changes: a Map or Set, an object or array literal, a number. */
function mutableState(init: Node | undefined): boolean {
  const v = unwrap(init);
  if (v?.type === 'NewExpression') {
    const callee = unwrap(v.callee as Node);
    return callee?.type === 'Identifier' && /^(Map|Set)$/.test(callee.name as string);
  }
  return v?.type === 'ObjectExpression' || v?.type === 'ArrayExpression' || v?.type === 'Literal';
}

/**
 * Whether the module assigns to `name` after declaring it (`name = ...`, `name += 1`, `name++`). A `let`
 * holding a literal that nothing reassigns is a label (`let breakerName = 'payments'`), not state.
 */
function reassigned(source: string, name: string): boolean {
  const id = escapeRegExp(name);
  const writes = source.match(
    new RegExp(`(?<![\\w$.])${id}\\s*(?:[-+*/|&]?=(?!=)|\\+\\+|--)|(?:\\+\\+|--)\\s*${id}(?![\\w$])`, 'g'),
  );
  // The declaration's own `name = literal` is one of the matches.
  return (writes?.length ?? 0) > 1;
}

/** The module-level declarators holding breaker state. */
function breakerState(ctx: ModuleContext): Node[] {
  const out: Node[] = [];
  for (const statement of ctx.program.body as Node[]) {
    const declaration =
      statement.type === 'ExportNamedDeclaration' ? (statement.declaration as Node | null) : statement;
    if (declaration?.type !== 'VariableDeclaration') continue;
    for (const d of declaration.declarations as Node[]) {
      const name = d.id?.type === 'Identifier' ? (d.id.name as string) : '';
      // A `const` literal is a setting (`CIRCUIT_THRESHOLD = 5`), not state.
      const literal = unwrap(d.init as Node)?.type === 'Literal';
      if (literal && (declaration.kind === 'const' || !reassigned(ctx.source, name))) continue;
      if (BREAKER_NAME.test(name) && mutableState(d.init as Node)) out.push(d);
    }
  }
  return out;
}

/**
 * Reports a hand-written breaker's module-level state (see above).
 * @example
 * handRolledBreakers(ctx, report) // reports `const circuitBreakerState = new Map()` in common/circuitBreaker.js
 */
export function handRolledBreakers(ctx: ModuleContext, report: Report): void {
  if (!ctx.testSpelled(BREAKER_NAME, BREAKER_WORDS) || SHARED_STORE.test(ctx.source)) return;
  if (ctx.spells('cockatiel') || ctx.spells('opossum')) return; // rules/lambda.ts
  const state = breakerState(ctx);
  if (state.length === 0) return;
  const exported = [...ctx.exports.keys()];
  if (!ctx.isLambdaModule && exported.length === 0) return;
  const message =
    'circuit breaker state kept in module memory: each Lambda instance keeps its own counters and a cold start forgets an open circuit; keep it in a shared store (SSM, DynamoDB) or use wrapDependency with sharedState';
  report(
    'in-process-breaker-state',
    state[0] as Node,
    message,
    ctx.isLambdaModule ? undefined : { onlyIfHandlerReaches: exported },
  );
}
