// http-no-timeout at the construction of a project's own HTTP client class whose timeout is a constructor
// argument that defaults to none: `constructor(url, key, private readonly timeout = 0)` handing
// `timeout: this.timeout` to every axios call. The requests inside the class carry the instance's option,
// so the missing value is decided where the class is built: `new ApiClient(url, key)` passes none.

import { forEachDescendant, memberPath, type Node, propertyName, unwrap } from '../ast.js';
import type { ExportFact, ImportRef } from '../Candidate.js';
import { classifyHttpCall } from '../httpCall.js';
import { type ModuleContext, mayBeProjectSource } from '../ModuleContext.js';
import { offServicePath } from '../offServicePath.js';
import type { Report, Rule } from './Report.js';

/** `0`, `undefined`, `null`, `void 0`: a default that sets no timeout. */
function noTimeout(node: Node | undefined): boolean {
  const n = unwrap(node);
  return (
    (n?.type === 'Identifier' && n.name === 'undefined') ||
    (n?.type === 'Literal' && (n.value === 0 || n.value === null)) ||
    (n?.type === 'UnaryExpression' && n.operator === 'void')
  );
}

/** The name a constructor parameter binds, and whether it may be left out with no timeout. */
function parameter(param: Node): { name: string; field?: string } | undefined {
  const property = param.type === 'TSParameterProperty';
  const p = unwrap(property ? param.parameter : param);
  if (p?.type === 'AssignmentPattern' && p.left?.type === 'Identifier' && noTimeout(p.right)) {
    const name = p.left.name as string;
    return property ? { name, field: name } : { name };
  }
  if (p?.type === 'Identifier' && p.optional === true) {
    const name = p.name as string;
    return property ? { name, field: name } : { name };
  }
  return undefined;
}

/**
 * The index of the constructor argument that becomes the HTTP calls' `timeout` when it may be left out
 * with none, or undefined.
 *
 * @example
 * untimedTimeoutArg(ctx, cls) // class Api { constructor(url, private timeout = 0) {} ... axios.get(u, { timeout: this.timeout }) } -> 1
 */
export function untimedTimeoutArg(ctx: ModuleContext, cls: Node): number | undefined {
  const members = ((cls.body as Node | undefined)?.body ?? []) as Node[];
  const ctor = members.find((m) => m.type === 'MethodDefinition' && m.kind === 'constructor');
  const params = ((ctor?.value as Node | undefined)?.params ?? []) as Node[];
  for (let i = 0; i < params.length; i++) {
    const param = parameter(params[i] as Node);
    if (param === undefined) continue;
    // The field the parameter is kept in: a parameter property, or `this.x = param` in the constructor.
    let field = param.field;
    forEachDescendant(ctor?.value as Node, (n) => {
      if (field !== undefined || n.type !== 'AssignmentExpression') return field === undefined;
      const right = unwrap(n.right);
      const left = memberPath(n.left as Node);
      if (
        right?.type === 'Identifier' &&
        right.name === param.name &&
        left?.[0] === 'this' &&
        left.length === 2
      )
        field = left[1];
      return true;
    });
    if (field !== undefined && passesAsTimeout(ctx, cls, field)) return i;
  }
  return undefined;
}

/** Some HTTP call in the class gets `timeout: this.<field>` in its options. */
function passesAsTimeout(ctx: ModuleContext, cls: Node, field: string): boolean {
  let found = false;
  forEachDescendant(cls, (n) => {
    if (found) return false;
    if (n.type !== 'CallExpression') return true;
    const http = classifyHttpCall(ctx, n);
    if (http?.options === undefined) return true;
    const options = unwrap(ctx.valueOf(http.options) ?? http.options);
    if (options?.type !== 'ObjectExpression') return true;
    found = (options.properties as Node[]).some((p) => {
      if (p.type !== 'Property' || propertyName(p.key, p.computed as boolean) !== 'timeout') return false;
      const path = memberPath(p.value as Node);
      return path?.length === 2 && path[0] === 'this' && path[1] === field;
    });
    return !found;
  });
  return found;
}

/**
 * `new ApiClient(url, key)` with the class imported from the project: a candidate the project pass keeps
 * only when the class's timeout is a constructor argument at or after the arguments given.
 */
export function importedHttpClient(ctx: ModuleContext, report: Report, node: Node): void {
  const callee = unwrap(node.callee);
  if (callee?.type !== 'Identifier') return;
  const imp = ctx.importOf(callee.name as string, callee);
  // A path alias (`src/shared`) is the project's too: the project pass resolves only scanned modules.
  if (imp === undefined || imp.imported === '*' || !mayBeProjectSource(imp.source)) return;
  const args = node.arguments as Node[];
  // `new Table(this, 'Id', props)` builds a CDK construct, not a client: no need to look its class up.
  if (args.some((a) => a.type === 'SpreadElement') || unwrap(args[0])?.type === 'ThisExpression') return;
  report(
    'http-no-timeout',
    node,
    `${callee.name as string} is built without its timeout argument, which defaults to none: every request through it can wait forever`,
    {
      onlyIfImportHttpTimeoutArg: {
        ref: { from: ctx.file, source: imp.source, name: imp.imported },
        given: args.length,
      },
    },
  );
}

/** Constructions of imported classes (`new X(...)` with X imported from the project or a path alias). */
export const httpClientClassRules: Rule = (ctx: ModuleContext, report: Report) => {
  if (offServicePath(ctx)) return;
  for (const node of ctx.of('NewExpression')) importedHttpClient(ctx, report, node);
};

/**
 * The project pass's check of a candidate above: the class imported by `ref` takes its timeout from a
 * constructor argument at or after the `given` arguments.
 *
 * @example
 * timeoutArgLeftOut(project, { from: '/app/job.ts', source: './api', name: 'ApiClient' }, 2, deferred) // true for (url, key, timeout = 0)
 */
export function timeoutArgLeftOut(
  project: {
    resolveModule(from: string, source: string): string | undefined;
    exportFact(file: string, name: string): ExportFact | undefined;
  },
  ref: ImportRef,
  given: number,
  deferred: ReadonlyMap<string, string>,
): boolean {
  const target = project.resolveModule(ref.from, ref.source);
  // A module the gate deferred is analysed for this only if it may hold the class or pass it on.
  const text = target === undefined ? undefined : deferred.get(target);
  if (text !== undefined && !text.includes('timeout') && !/\bexport\s*(?:\*|\{[^}]*\}\s*from)/.test(text))
    return false;
  const arg = target === undefined ? undefined : project.exportFact(target, ref.name)?.httpTimeoutArg;
  return arg !== undefined && given <= arg;
}
