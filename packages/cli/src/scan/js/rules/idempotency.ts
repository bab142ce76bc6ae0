// Idempotency on a Lambda handler's path: random keys and record ids in consumers that are redelivered
// or retried (random-id-nondeterministic); plain inserts in at-least-once consumers (insert-no-upsert) are inserts.ts's.
import {
  calleeName,
  hasProperty,
  memberPath,
  type Node,
  propertyName,
  someDescendant,
  unwrap,
} from '../ast.js';
import { sharedRequest } from '../callerNames.js';
import { type ModuleContext, mayBeProjectSource } from '../ModuleContext.js';
import { redelivered } from '../redelivery.js';
import { type ConsumerView, consumerView } from '../wiredConsumer.js';
import { clockValue, dayLevelClock, dayOnly } from './clockValues.js';
import { adjacentId, calledThroughExports, emittedObject, traceIdKey } from './emittedIds.js';
import { entityFactoryIdRule } from './entityFactoryIds.js';
import { eventlessRoute } from './eventlessRoute.js';
import { fifoContentDedupRule } from './fifoContentDedup.js';
import { guardedUpstream, returnsWhenFound } from './foundGuards.js';
import { graphqlInsertRule } from './graphqlInserts.js';
import { idempotencyCheckKeyRule } from './idempotencyCheckKeys.js';
import { keyNameKinds } from './idKeyNames.js';
import { insertRule } from './inserts.js';
import { randomWriteKeys } from './keyedWriteKeys.js';
import { ormSaveRule } from './ormSaves.js';
import { passedQueryIdRule } from './passedQueryIds.js';
import type { Report } from './Report.js';
import {
  carriesRecordId,
  generatedAt,
  importedCallIn,
  isRandom,
  mayCallRandom,
  randomCallIn,
} from './randomValues.js';
import { servesRequestOnly } from './requestScope.js';
import { returnedRecord } from './returnedRecords.js';
import { decidedNoDedup } from './saysWhy.js';
import { returnsWhenDone } from './settledStates.js';
import { scheduledOnly } from './sqlParamKeys.js';
import { scheduleRetried, uniqueNameKind, uniqueNameMessage } from './uniqueNames.js';
import { upsertFilterRule } from './upsertFilters.js';
import { randomMethodCall, wrappedKeyRule } from './wrappedKeys.js';
import { writeCallRow } from './writeCalls.js';
import { insertedRow, writtenRecord } from './writtenRecords.js';

/** `Detail: JSON.stringify({ ... })` (EventBridge), `Message`/`MessageBody` (SNS/SQS), `Data` (Kinesis). */
function emittedPayload(ctx: ModuleContext, owner: Node | undefined): boolean {
  if (owner?.type !== 'CallExpression' || memberPath(owner.callee)?.join('.') !== 'JSON.stringify')
    return false;
  const prop = ctx.parentOf(owner);
  if (prop?.type !== 'Property') return false;
  return /^(Detail|Message|MessageBody|Data)$/.test(propertyName(prop.key, prop.computed) ?? '');
}

/** `NAME#${id}`: a single-table key (type prefix and id), whatever the attribute is called. */
const PREFIXED_KEY = /^[A-Za-z_]+#$/;

function prefixedKey(ctx: ModuleContext, value: Node | undefined): boolean {
  const v = ctx.valueOf(value);
  if (v?.type !== 'TemplateLiteral') return false;
  const head = (v.quasis as Node[])[0]?.value?.cooked as string | undefined;
  return head !== undefined && PREFIXED_KEY.test(head);
}

/** `new CloudEvent({ id, ... })`: by the CloudEvents spec, `source` + `id` is how consumers tell a duplicate. */
function cloudEventId(owner: Node | undefined, key: string): boolean {
  return key === 'id' && owner?.type === 'NewExpression' && unwrap(owner.callee)?.name === 'CloudEvent';
}

function randomIdRule(ctx: ModuleContext, reportAny: Report, view: ConsumerView): void {
  // Two passes can name one random id on one line (the object key a `Key:` property builds from it, and the key
  // a keyed write takes, `const id = uuidv4()` then `putObject({ Key: `${id}.json` })`): one id, one fix.
  const reportedLines = new Set<string>();
  const report: Report = (rule, node, message, extra) => {
    const line = `${rule}:${ctx.position(node.start as number).line}`;
    if (reportedLines.has(line)) return;
    reportedLines.add(line);
    reportAny(rule, node, message, extra);
  };
  // Every report below needs a random call of this module (randomCallIn) or a key built from a project
  // helper's answer (importedCallIn): without a random word, only a consumer, or a module with no handler
  // that imports from the project, can hold one (`id: newRecordId()`, the helper's ulid in another file).
  const random = mayCallRandom(ctx);
  const consumer = view.consumer;
  // A module with no handler (a data layer, an event publisher) is judged by the consumers that reach it.
  const shared = ctx.handlers.size === 0;
  const helperOnly = !random && !consumer;
  if (helperOnly && !(shared && importsFromProject(ctx))) return;
  if (random && (consumer || shared)) {
    randomWriteKeys(ctx, report, view, shared);
    passedQueryIdRule(ctx, report, view, shared);
  }
  if (random && shared) entityFactoryIdRule(ctx, report);
  const emitted = new Map<Node, number>();
  for (const prop of ctx.of('Property')) {
    const key = propertyName(prop.key, prop.computed);
    if (key === undefined) continue;
    const kinds = keyNameKinds(key); // the name's own tests, asked once per name (idKeyNames.ts)
    if (kinds.dedupKey) {
      // A message attribute so named (`MessageDeduplicationId: { DataType, StringValue }`) is not the
      // parameter the service deduplicates on: the key itself is a string.
      if (unwrap(prop.value as Node)?.type === 'ObjectExpression') continue;
      // Read as before the shared modules were let in: an id class's method is not a helper's answer.
      if (helperOnly) continue;
      // A key made up for an HTTP request that sent none: no platform retry reaches it (requestScope.ts).
      if (servesRequestOnly(ctx, prop) || decidedNoDedup(ctx, prop)) continue;
      const message = `${key} is random: a retry or redelivery gets a new key and runs twice`;
      if (isRandom(ctx, prop.value)) report('random-id-nondeterministic', generatedAt(ctx, prop), message);
      else {
        // `new UuidAdapter().generate()`: an id class's method, here or in another module.
        const via = randomMethodCall(ctx, prop.value);
        if (via !== undefined)
          report(
            'random-id-nondeterministic',
            generatedAt(ctx, prop),
            message,
            'local' in via ? undefined : { onlyIfImportRandom: { from: ctx.file, ...via } },
          );
      }
      continue;
    }
    const onPath =
      consumer &&
      (ctx.handlerKindAt(prop) !== undefined ||
        (random && isRandom(ctx, prop.value) && calledThroughExports(ctx, prop)));
    if (!onPath && !shared) continue;
    const parent = ctx.parentOf(prop);
    let owner = parent !== undefined ? ctx.parentOf(parent) : undefined;
    const reference = kinds.reference;
    const objectKey = key === 'Key' && parent !== undefined && hasProperty(parent, 'Bucket');
    // A name the service keeps unique (an execution, a schedule, a Transcribe or SageMaker job): uniqueNames.ts.
    const uniqueName = uniqueNameKind(ctx, key, parent);
    const executionName = uniqueName !== undefined;
    const idLike = kinds.idName || prefixedKey(ctx, prop.value);
    const emittedId = kinds.emittedId;
    if (!idLike && !emittedId && !reference && !objectKey && !executionName && !cloudEventId(owner, key))
      continue;
    // A key built from a project helper's answer (`${epochSecondsNow()}-${id}`): kept when the project
    // pass finds that helper returns a random or clock value.
    const made = randomCallIn(ctx, prop.value); // a walk of the value: asked once
    // A name or object key composed by a helper of the module, reported where the helper reads the clock:
    // the line to change is in the helper.
    const composed =
      (executionName || objectKey) &&
      made !== undefined &&
      ctx.enclosingFunction(made) !== undefined &&
      ctx.enclosingFunction(made) !== ctx.enclosingFunction(prop)
        ? made
        : undefined;
    const randomValue = made !== undefined;
    const viaImport = randomValue ? undefined : importedCallIn(ctx, prop.value);
    if (viaImport === undefined && !randomValue) continue;
    // Today's date and the record's own id (`${moment().format('YYYY-MM-DD')}/${record.messageId}`): the
    // same key on a redelivery that day, so not a new one per attempt.
    const withId = carriesRecordId(ctx, prop.value);
    if (randomValue && withId && dayLevelClock(ctx, made)) continue;
    const clock = randomValue && clockValue(ctx, made);
    // A reference made where nothing is awaited but a timer (a stand-in for the request) reaches no one.
    if (reference && !awaitsWork(ctx, prop)) continue;
    // In a shared module: kept when a redelivered or retried consumer reaches it (eventCallers.ts).
    // A key from a project helper (`id: newId()` of another module) is kept only when the project pass
    // finds the helper random; in a shared module, also only when a redelivered consumer reaches it.
    const viaHelper =
      viaImport === undefined
        ? {}
        : { onlyIfImportRandom: viaImport, ...(withId ? { unlessImportDayOnly: true as const } : {}) };
    const extra = {
      ...(shared ? { onlyIfConsumerCaller: sharedRequest(ctx, prop) } : view.extra),
      ...viaHelper,
    };
    const where = shared ? 'in code a retried consumer reaches' : 'in a queue consumer';
    if (reference || objectKey || executionName) {
      // A Transcribe or SageMaker job started by a schedule-only module: its name must be new on every run
      // (the service keeps used names for good), so the run's time is how tonight's job differs from
      // yesterday's. A schedule or execution name is still reported: the event's id and time stay the
      // same across Lambda's async retries and name the run.
      if (uniqueName === 'job' && !shared && scheduledOnly(ctx)) continue;
      // A name made only after a lookup found no record (here or in every caller): once per key.
      if (executionName && guardedUpstream(ctx, prop, (n) => returnsWhenFound(ctx, n))) continue;
      // A name cut to the run's day or coarser (`daily-${today}`) is the same on a scheduled run's retries:
      // the fix the message asks for, so a schedule does not make it a finding.
      const dayName =
        (uniqueName === 'execution' || uniqueName === 'schedule') &&
        made !== undefined &&
        (dayLevelClock(ctx, made) || (clockValue(ctx, made) && dayOnly(ctx, made)));
      if (dayName && !shared && scheduledOnly(ctx)) continue;
      const entries = executionName ? eventlessRoute(ctx, prop)?.onlyIfRouted : undefined;
      const gate = scheduleRetried(uniqueName, extra, entries, dayName);
      report(
        'random-id-nondeterministic',
        composed ?? generatedAt(ctx, prop),
        reference
          ? `${key} is a new random reference per attempt ${where}: a redelivery reaches the receiver as a new request it cannot recognise as a repeat`
          : uniqueName !== undefined
            ? uniqueNameMessage(uniqueName, key, where, 'orIfScheduled' in gate)
            : `the object key is ${clock ? 'made from the time of processing' : 'random'} ${where}: a redelivered message is stored again under a new key`,
        gate,
      );
      continue;
    }
    // `Item: { id: randomUUID(), ... }` written by a queue consumer: each redelivery writes a new row.
    // `Item: marshall({ PK: randomUUID(), ... })` (util-dynamodb): the same item, marshalled.
    if (owner?.type === 'CallExpression' && /^(marshall|convertToAttr)$/.test(calleeName(owner) ?? ''))
      owner = ctx.parentOf(owner);
    const ownerKey = owner?.type === 'Property' ? propertyName(owner.key, owner.computed) : undefined;
    const written =
      ownerKey === 'Item' ||
      ownerKey === 'data' ||
      writtenRecord(ctx, owner) ||
      insertedRow(ctx, owner) ||
      writeCallRow(ctx, parent, owner, key) ||
      (shared && returnedRecord(ctx, prop));
    if (written) {
      // Made only after a lookup found no row or the row's "done" state (settledStates.ts), here or upstream.
      if (guardedUpstream(ctx, prop, (n) => returnsWhenDone(ctx, n))) continue;
      report(
        'random-id-nondeterministic',
        generatedAt(ctx, prop),
        `${key} ${clockMade(ctx, prop.value) ? 'is the time of processing' : 'is generated randomly'} ${where}: a redelivered message writes a duplicate record`,
        extra,
      );
    } else if (
      // A trace or correlation id in a serialised payload names the attempt, not the event.
      (emittedPayload(ctx, owner) && !traceIdKey(key)) ||
      cloudEventId(owner, key) ||
      (emittedId &&
        parent !== undefined &&
        !adjacentId(ctx, emitted, parent, prop) &&
        emittedObject(ctx, parent))
    ) {
      if (parent !== undefined) emitted.set(parent, ctx.position(prop.start as number).line);
      report(
        'random-id-nondeterministic',
        generatedAt(ctx, prop),
        `${key} of an emitted event is random ${where}: a redelivery publishes a duplicate that no consumer can recognise`,
        extra,
      );
    }
  }
}

/** Does the module import a name from the project (importedCallIn's only candidates)? */
function importsFromProject(ctx: ModuleContext): boolean {
  for (const imp of ctx.imports.values())
    if (imp.imported !== '*' && mayBeProjectSource(imp.source)) return true;
  return false;
}

/** Is the key's per-attempt part the clock (`new Date()`, `Date.now()`) rather than a random id? */
function clockMade(ctx: ModuleContext, value: Node | undefined): boolean {
  const made = randomCallIn(ctx, value);
  return (
    made?.type === 'NewExpression' || memberPath(made?.callee as Node | undefined)?.join('.') === 'Date.now'
  );
}

/**
 * Does the function `node` is made in (the named one, past inline callbacks) await anything but a timer
 * (`await new Promise((r) => setTimeout(r, ms))`)?
 */
function awaitsWork(ctx: ModuleContext, node: Node): boolean {
  let fn = ctx.enclosingFunction(node);
  while (fn !== undefined && ctx.parentOf(fn)?.type === 'CallExpression') {
    const outer = ctx.enclosingFunction(fn);
    if (outer === undefined) break;
    fn = outer;
  }
  if (fn === undefined) return true;
  return someDescendant(fn, (n) => {
    if (n.type !== 'AwaitExpression') return false;
    const arg = unwrap(n.argument as Node);
    return !(arg?.type === 'NewExpression' && unwrap(arg.callee)?.name === 'Promise');
  });
}

export function idempotencyRules(ctx: ModuleContext, report: Report): void {
  const view = consumerView(ctx);
  randomIdRule(ctx, report, view);
  idempotencyCheckKeyRule(ctx, report, view);
  insertRule(ctx, report, view);
  upsertFilterRule(ctx, report, view);
  graphqlInsertRule(ctx, report, view);
  ormSaveRule(ctx, report, ctx.isLambdaModule && view.consumer, view.extra);
  fifoContentDedupRule(ctx, report, redelivered(ctx));
  if (mayCallRandom(ctx)) wrappedKeyRule(ctx, report, view);
}
