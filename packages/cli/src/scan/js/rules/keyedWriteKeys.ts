// The key of a keyed write (`upload(key, body)`, `uploadToS3(bucket, body, key)`,
// `uploadToS3(s3, bucket, body, key)`): project storage helpers put the key in any position after the
// bucket, so it is read by what it is (a path template, or a name like `fileName`/`key`), not by position.
import { memberPath, type Node, propertyName, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { dayOnly } from './clockValues.js';
import { RECORD_ID_FIELD, randomCallIn } from './randomValues.js';

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
