// What a Lambda handler does with its event, for the rules of the infrastructure that invokes it: a
// handler that only logs cannot lose work (no DLQ, concurrency limit or partial failure report is
// needed), and one that never touches the records one by one has nothing to report per record.
import { memberPath, type Node, someDescendant } from './ast.js';
import type { HandlerFact } from './Candidate.js';
import { madeByFactory } from './handlerDiscovery.js';
import type { ModuleContext } from './ModuleContext.js';
import { cannotFailRecord } from './rules/recordSafe.js';

const LOG_METHODS = new Set(['log', 'info', 'debug', 'warn', 'error', 'trace']);

function isLogCall(call: Node): boolean {
  const path = memberPath(call.callee);
  if (path === undefined) return false;
  if (path.join('.') === 'JSON.stringify') return true;
  const [owner] = path;
  const method = path[path.length - 1];
  const logger = owner === 'console' || /^(logger|log)$/i.test(owner ?? '');
  return logger && path.length === 2 && LOG_METHODS.has(method ?? '');
}

/**
 * True when the function can fail: it awaits, throws, constructs, or calls anything but a logger
 * (`console.*`, `logger.*`, `JSON.stringify`). A handler that only logs cannot fail a record.
 * @example
 * doesWork(fn) // false for `async (e) => { console.log(JSON.stringify(e)); }`
 */
export function doesWork(fn: Node): boolean {
  return someDescendant(fn.body, (n) => {
    if (n.type === 'AwaitExpression' || n.type === 'ThrowStatement' || n.type === 'NewExpression')
      return true;
    if (n.type !== 'CallExpression') return false;
    return !isLogCall(n);
  });
}

/**
 * True when the function works on the records of its batch: it reads `Records` (or a `records`
 * field), or hands its event to a call other than a logger (a service that may loop over it).
 * @example
 * worksPerRecord(ctx, fn) // false for a batch handler that pings one URL and logs the event
 */
export function worksPerRecord(ctx: ModuleContext, fn: Node): boolean {
  const text = ctx.source.slice(fn.start, fn.end);
  if (/\bRecords\b|\brecords\b/.test(text) && namesRecords(fn, text)) return true;
  const first = (fn.params as Node[])[0];
  if (first?.type !== 'Identifier') return true;
  const event = first.name as string;
  return someDescendant(
    fn.body,
    (n) =>
      n.type === 'CallExpression' &&
      !isLogCall(n) &&
      (n.arguments as Node[]).some((a) => a.type === 'Identifier' && a.name === event),
  );
}

/**
 * Does the function name its records outside its log lines? `logger.info(\`${event.Records.length} records\`)`
 * before one batch-wide call (a cache invalidation, a ping) is no work on a record.
 */
function namesRecords(fn: Node, text: string): boolean {
  const logs: Node[] = [];
  someDescendant(fn.body, (n) => {
    if (n.type === 'CallExpression' && isLogCall(n)) logs.push(n);
    return false;
  });
  let kept = text;
  for (const call of logs.sort((a, b) => b.start - a.start))
    kept = kept.slice(0, call.start - fn.start) + kept.slice(call.end - fn.start);
  return /\bRecords\b|\brecords\b/.test(kept);
}

/** Facts of every exported entry handler, by export name, for the project pass. */
export function handlerFacts(ctx: ModuleContext): Record<string, HandlerFact> {
  const out: Record<string, HandlerFact> = {};
  const records = [...ctx.handlers.values()].includes('record');
  for (const [fn, kind] of ctx.handlers) {
    if (kind !== 'entry') continue;
    const redelivered = records || ctx.batchHandlers.has(fn);
    for (const [name, value] of ctx.exports) {
      const covers =
        value === fn ||
        ctx.valueOf(value) === fn ||
        someDescendant(value, (n) => n === fn || (n.type === 'Identifier' && ctx.functionOf(n) === fn)) ||
        madeByFactory(ctx, value, fn);
      if (!covers) continue;
      const work = doesWork(fn);
      out[name] = {
        work,
        recordWork: work && worksPerRecord(ctx, fn) && !cannotFailRecord(ctx, fn),
        ...(redelivered ? { redelivered: true as const } : {}),
      };
    }
  }
  return out;
}
