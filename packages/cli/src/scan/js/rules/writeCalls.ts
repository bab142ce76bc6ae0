// A row handed to a write function the project or an API client names for what it stores (`createNotification({
// notificationId: uuidv4() })`, `createRecord(TABLE, { id })`, `moonbeamClient.createNotification({ id })`): apart from
// writtenRecords.ts, which knows only ORM and query-builder writes and `Item`/`data` puts.
import { calleeName, type Node, propertyName, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/**
 * A write verb then the noun it stores: `createNotification`, `insertOrder`, `saveContact`, `putData`, `storeEvent`,
 * `persistPurchase`, `createRecord`. Such a function writes the object it is handed; whatever id that object carries
 * is the id the stored row gets, so a fresh one per attempt stores the redelivered message again.
 */
const WRITE_CALL = /^(create|insert|save|put|store|persist)([A-Z][A-Za-z0-9]*)$/;

/**
 * Nouns that name no stored row: the call builds a client, a stream, a hash, a token or an id, or shapes a request
 * or a log line (`createClient({ clientId })`, `createTraceId()`, `createPresignedPost({ Key })`, `putMetric(...)`).
 * Its id-like option is configuration or a correlation id, not a record key.
 */
const NOT_A_ROW =
  /^(Client|Clients|Logger|Log|Hash|Hmac|Cipher|Decipher|Server|Stream|ReadStream|WriteStream|Context|Url|URL|Token|Id|ID|Uuid|UUID|Connection|Pool|Transport|Transporter|Element|Instance|Span|Metric|Metrics|Header|Headers|Error|Command|Request|Response|Signature|Signer|PresignedPost|PresignedUrl|SignedUrl|Handler|Router|App|Schema|Queue|Topic|Bucket|Table|Function|Lambda|Api|Store|Slice|Selector|Action|Reducer|Hook|Component|Object|Secret|Config|Options|Mock|Stub|Spy|Test|Fixture|Trace|Tracer|Auth|Interceptor|Sign|Counter|Histogram|Gauge|Cache|Session|Cookie|Window|Worker|Job|Timer|Interval|Buffer|Blob|File|Folder|Directory|Dir|Readable|Writable)$/;

/**
 * Is `call` an awaited write function named for what it stores (not a builder of a client, stream, token or id)?
 * Awaited (or chained with `.then`): a write is I/O, and the builders a name alone lets in (`createStreamInterceptor(
 * state)`, `return createAppAuth(options)`) are synchronous.
 */
export function writeCallName(ctx: ModuleContext, call: Node): boolean {
  if (call.type !== 'CallExpression' || !awaited(ctx, call) || recordsFailure(ctx, call)) return false;
  const noun = WRITE_CALL.exec(calleeName(call) ?? '')?.[2];
  if (noun === undefined) return false;
  // `createLogContext`, `createS3Client`: the last word of the noun says what is built.
  const last = /[A-Z][a-z0-9]*$/.exec(noun)?.[0] ?? noun;
  return !NOT_A_ROW.test(noun) && !NOT_A_ROW.test(last);
}

/**
 * A write in a `catch`, or in a function handed the caught error (`handleFailure(id, error)`), records this attempt's
 * failure: an alert or an error row per failed attempt is what it is for, so a retry's second row is no duplicate.
 */
const ERROR_PARAM = /^(e|err|error|exception)$/;

function recordsFailure(ctx: ModuleContext, call: Node): boolean {
  for (let at = ctx.parentOf(call); at !== undefined; at = ctx.parentOf(at)) {
    if (at.type === 'CatchClause') return true;
    if (/Function/.test(at.type as string))
      for (const param of at.params as Node[]) if (ERROR_PARAM.test(unwrap(param)?.name ?? '')) return true;
  }
  return false;
}

function awaited(ctx: ModuleContext, call: Node): boolean {
  const parent = ctx.parentOf(call);
  if (parent?.type === 'AwaitExpression') return true;
  return (
    parent?.type === 'MemberExpression' &&
    parent.object === call &&
    propertyName(parent.property as Node, parent.computed as boolean) === 'then'
  );
}

/**
 * Is `object` (an object literal) handed straight to such a write as an argument: `createNotification({ ... })`,
 * `createRecord(TABLE, { ... })`? Only a direct argument: an object nested deeper is the call's options.
 */
export function rowOfWriteCall(
  ctx: ModuleContext,
  object: Node | undefined,
  owner: Node | undefined,
): boolean {
  if (object?.type !== 'ObjectExpression' || owner?.type !== 'CallExpression') return false;
  return (owner.arguments as Node[]).includes(object) && writeCallName(ctx, owner);
}

/**
 * `const purchase = { id: randomUUID(), ... }` then `createRecord(TABLE, purchase)` in the same function: the row is
 * built first and named, then handed to the write. The name must be a direct argument and resolve to this declarator.
 */
export function namedRowOfWriteCall(ctx: ModuleContext, declarator: Node, key?: string): boolean {
  const id = unwrap(declarator.id as Node);
  const fn = ctx.enclosingFunction(declarator);
  if (id?.type !== 'Identifier' || fn === undefined) return false;
  const name = id.name as string;
  if (!ctx.source.slice(fn.start as number, fn.end as number).includes(name)) return false;
  return someDescendant(
    fn,
    (n) =>
      writeCallName(ctx, n) &&
      (n.arguments as Node[]).some((a) => {
        const arg = unwrap(a);
        const names = (v: Node | undefined): boolean =>
          v?.type === 'Identifier' && v.name === name && ctx.resolve(name, v)?.declaration === declarator;
        // `putItem({ pk: key(id), ...notification })`: the row spread into the object written, its id with it,
        // unless a later property names the key (`{ ...row, id: existingId }` writes existingId).
        if (arg?.type === 'ObjectExpression') {
          const props = arg.properties as Node[];
          return props.some(
            (p, i) =>
              p.type === 'SpreadElement' &&
              names(unwrap(p.argument as Node)) &&
              !props
                .slice(i + 1)
                .some(
                  (q) =>
                    q.type === 'Property' && key !== undefined && propertyName(q.key, q.computed) === key,
                ),
          );
        }
        return names(arg);
      }),
  );
}

/** A row handed to such a write, as a literal argument or a const of the function later handed to it. */
export function writeCallRow(
  ctx: ModuleContext,
  object: Node | undefined,
  owner: Node | undefined,
  key?: string,
): boolean {
  if (owner?.type === 'VariableDeclarator')
    return owner.init === object && namedRowOfWriteCall(ctx, owner, key);
  return rowOfWriteCall(ctx, object, owner);
}
