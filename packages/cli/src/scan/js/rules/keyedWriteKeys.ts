// The key of a keyed write (`upload(key, body)`, `uploadToS3(bucket, body, key)`,
// `uploadToS3(s3, bucket, body, key)`): project storage helpers put the key in any position after the
// bucket, so it is read by what it is (a path template, or a name like `fileName`/`key`), not by position.
// randomWriteKeys (below) reports such a write whose key is random, for the idempotency rules (idempotency.ts).
import { calleeName, memberPath, type Node, propertyName, unwrap } from '../ast.js';
import { sharedRequest } from '../callerNames.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { ConsumerView } from '../wiredConsumer.js';
import { dayOnly } from './clockValues.js';
import { queryIdRule } from './emittedIds.js';
import type { Report } from './Report.js';
import { RECORD_ID_FIELD, randomCallIn } from './randomValues.js';
import { scheduledOnly, sqlKeyRule } from './sqlParamKeys.js';

/** A write whose first argument names what is written: a gateway's `upload(key, body)`, `putObject(key, ...)`. */
const KEYED_WRITE =
  /^(upload|upload[A-Z]\w*|putObject|putFile|saveFile|storeFile|storeObject|saveObject|writeObject)$/;

/** An argument named like an object key. */
const KEY_NAME = /(key|name|path|file)$/i;

/** The random or clock part of a key template (`${folder}/message-${millis}-${idx}.json`), date folders aside. */
function randomPart(ctx: ModuleContext, template: Node): Node | undefined {
  for (const e of template.expressions as Node[]) {
    const made = randomCallIn(ctx, e);
    if (made !== undefined && !dayOnly(ctx, made)) return made;
  }
  return undefined;
}

/** Does a template look like an object path (a `/` or a file extension in its text)? */
function pathLike(template: Node): boolean {
  return (template.quasis as Node[]).some((q) => /\/|\.[a-z0-9]{2,4}$/i.test(q.value?.cooked ?? ''));
}

/**
 * The random or clock value the key of a keyed write is made from, when the key is one of the arguments
 * after the bucket: a path template, or an argument named like a key.
 */
export function laterKeyRandom(
  ctx: ModuleContext,
  args: readonly Node[],
  bucketAt: number,
): Node | undefined {
  for (const arg of args.slice(bucketAt + 1)) {
    const a = unwrap(arg);
    const named = a?.type === 'Identifier' && KEY_NAME.test(a.name as string);
    const v = ctx.valueOf(arg);
    if (v?.type === 'TemplateLiteral' && (named || pathLike(v))) {
      const made = randomPart(ctx, v);
      if (made !== undefined) return made;
    } else if (named && memberPath(v) === undefined) {
      const made = randomCallIn(ctx, arg);
      if (made !== undefined && !dayOnly(ctx, made)) return made;
    }
  }
  return undefined;
}

/** What names the object in a descriptor handed to an upload helper (`uploadCover({ ...book, id })`). */
const DESCRIPTOR_KEY = /^(key|Key|name|fileName|filename|path)$/;

/**
 * The random value the first argument of a keyed write is made from: the argument itself
 * (`upload(\`${uuid()}.png\`, body)`), or, for a descriptor object (`uploadCover({ ...book, id: newId })`),
 * its id or key: the rest of the descriptor (a timestamp, the body) names nothing.
 */
export function firstKeyRandom(ctx: ModuleContext, first: Node | undefined): Node | undefined {
  const v = ctx.valueOf(first);
  if (v?.type !== 'ObjectExpression') return randomCallIn(ctx, first);
  for (const p of v.properties as Node[]) {
    if (p.type !== 'Property') continue;
    const key = propertyName(p.key, p.computed) ?? '';
    if (!DESCRIPTOR_KEY.test(key) && !RECORD_ID_FIELD.test(key)) continue;
    const made = randomCallIn(ctx, p.value as Node);
    if (made !== undefined) return made;
  }
  return undefined;
}

/** A bucket name as a write's first argument: `process.env.PDF_BUCKET`, `bucketName`, `this.bucket`. */
function isBucket(ctx: ModuleContext, arg: Node | undefined): boolean {
  const v = unwrap(arg);
  if (v === undefined) return false;
  return /bucket/i.test(ctx.source.slice(v.start, v.end));
}

/**
 * `gateway.upload(key, body)` where the key is made randomly, here or in a helper (`this.keyFor(m)`): a
 * redelivered message is stored again under a new key, and whatever the store triggers runs twice.
 */
export function randomWriteKeys(
  ctx: ModuleContext,
  report: Report,
  view: ConsumerView,
  shared: boolean,
): void {
  for (const call of ctx.of('CallExpression')) {
    if (ctx.parentOf(call)?.type === 'TemplateLiteral') queryIdRule(ctx, report, view, shared, call);
    if (!KEYED_WRITE.test(calleeName(call) ?? '')) {
      sqlKeyRule(ctx, report, view, shared, call);
      continue;
    }
    if (!shared && !(view.consumer && ctx.handlerKindAt(call) !== undefined)) continue;
    // A scheduled job has no message to name what it stores after; its next run is the retry.
    if (!shared && scheduledOnly(ctx)) continue;
    // The key is the first argument (`upload(key, body)`) or the second after a bucket (`storeFile(bucket, key, body)`),
    // or, past the bucket, a path template or key-named argument (`uploadToS3(s3, bucket, body, key)`).
    const args = call.arguments as Node[];
    const [first, second] = args;
    const bucketAt = args.slice(0, 2).findIndex((a) => isBucket(ctx, a));
    const random =
      firstKeyRandom(ctx, first) ??
      (bucketAt === 0 ? randomCallIn(ctx, second) : undefined) ??
      (bucketAt >= 0 ? laterKeyRandom(ctx, args, bucketAt) : undefined);
    if (random === undefined) continue;
    report(
      'random-id-nondeterministic',
      random,
      `the key ${calleeName(call)}() writes under is random ${shared ? 'in code a retried consumer reaches' : 'in a queue consumer'}: a redelivered message is stored again under a new key`,
      shared ? { onlyIfConsumerCaller: sharedRequest(ctx, call) } : view.extra,
    );
  }
}
