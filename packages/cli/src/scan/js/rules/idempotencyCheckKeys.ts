// A key handed to the project's own idempotency check (`ensureIdempotency(config, eventId)`,
// `checkIdempotency(key)`, `dedupe(key)`): the check finds a repeat only if the key is the same on the
// repeat. A key made per attempt (a random id, the time of processing, or a project helper that returns
// one, such as an id helper whose time argument defaults to `Date.now()` when the call omits it) lets every
// redelivery through as new work.
import { calleeName, type Node, unwrap } from '../ast.js';
import { sharedRequest } from '../callerNames.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { ConsumerView } from '../wiredConsumer.js';
import { dayLevelClock } from './clockValues.js';
import type { Report } from './Report.js';
import { carriesRecordId, importedCallIn, randomCallIn } from './randomValues.js';

/**
 * A function named for the check a consumer runs before its work (`ensureIdempotency`, `isIdempotent`,
 * `dedupe`); not one that records after it (`saveIdempotencyRecord`, `markIdempotencyComplete`).
 */
const CHECK_CALL =
  /^(ensure|check|is|assert)\w*Idempoten|^(dedupe?|deduplicate|checkDuplicate|isDuplicate|alreadyProcessed)$/i;

/** A name that says it holds a key (`eventId`, `dedupKey`, `requestToken`), not a table or a payload. */
const KEY_NAME = /(key|id|token)$/i;

/** A key argument: a name saying so (`eventId`), a template or a call; a table name or options are not. */
function keyValue(ctx: ModuleContext, arg: Node): { value: Node; at: Node } | undefined {
  const a = unwrap(arg);
  if (a === undefined) return undefined;
  if (a.type === 'Identifier') {
    if (!KEY_NAME.test(a.name as string)) return undefined;
    const b = ctx.resolve(a.name as string, a);
    if (b?.kind !== 'const' || b.init === undefined) return undefined;
    const init = unwrap(b.init as Node);
    return init?.type === 'ObjectExpression' ? undefined : { value: b.init as Node, at: b.declaration };
  }
  return a.type === 'TemplateLiteral' || a.type === 'CallExpression' ? { value: a, at: a } : undefined;
}

/**
 * The argument a check call takes as its key: one named for a key (`eventId`, `r.messageId`), else the
 * single template or call among its arguments; the others (a table, a time stamped beside the key, options)
 * are not the key.
 */
function keyArgument(call: Node): Node | undefined {
  const args = (call.arguments as Node[]).map((a) => unwrap(a) as Node);
  const named = args.find((a) => {
    const name =
      a?.type === 'Identifier'
        ? a.name
        : a?.type === 'MemberExpression'
          ? (a.property as Node)?.name
          : undefined;
    return typeof name === 'string' && KEY_NAME.test(name);
  });
  if (named !== undefined) return named;
  const made = args.filter((a) => a?.type === 'TemplateLiteral' || a?.type === 'CallExpression');
  return made.length === 1 ? made[0] : undefined;
}

/** A module that speaks of idempotency: the rule reads its calls only then. */
export const IDEMPOTENCY_TEXT = /idempoten|dedup|duplicate|alreadyProcessed/i;
/**
 * IDEMPOTENCY_TEXT's words, one in every alternative (spelledWords.test.ts holds them together): asked
 * through the module's word index first, since the case-insensitive expression alone searched every
 * module's whole text and most modules hold none of them.
 */
export const IDEMPOTENCY_WORDS: readonly string[] = ['idempoten', 'dedup', 'duplicate', 'alreadyProcessed'];

/**
 * random-id-nondeterministic on the key of a consumer's idempotency check (`ensureIdempotency(table, key)`)
 * when that key is made per attempt: a random id, the time of processing, or an imported helper making one.
 * In a module with no handler, only where a retried consumer reaches the call (onlyIfConsumerCaller).
 */
export function idempotencyCheckKeyRule(ctx: ModuleContext, report: Report, view: ConsumerView): void {
  if (!ctx.testSpelled(IDEMPOTENCY_TEXT, IDEMPOTENCY_WORDS)) return;
  const shared = ctx.handlers.size === 0;
  if (!shared && !view.consumer) return;
  for (const call of ctx.of('CallExpression')) {
    if (!CHECK_CALL.test(calleeName(call) ?? '')) continue;
    if (shared ? ctx.enclosingFunction(call) === undefined : ctx.handlerKindAt(call) === undefined) continue;
    const arg = keyArgument(call);
    const key = arg === undefined ? undefined : keyValue(ctx, arg);
    if (key === undefined) continue;
    const made = randomCallIn(ctx, key.value);
    // Today's date beside the record's own id is the same key on a redelivery that day.
    if (made !== undefined && dayLevelClock(ctx, made) && carriesRecordId(ctx, key.value)) continue;
    const via = made === undefined ? importedCallIn(ctx, key.value) : undefined;
    if (made === undefined && via === undefined) continue;
    const base = shared ? { onlyIfConsumerCaller: sharedRequest(ctx, call) } : view.extra;
    report(
      'random-id-nondeterministic',
      key.at,
      `the key ${calleeName(call)}() checks is made per attempt ${shared ? 'in code a retried consumer reaches' : 'in a queue consumer'}: a redelivery gets a new key and the check lets it through as new work`,
      via === undefined ? base : { ...base, onlyIfImportRandom: via },
    );
  }
}
