// swallowed-error: RxJS `retryWhen` whose notifier is cut short by `take(n)`. RxJS documents that
// when the notifier completes, the retried observable completes too, with no error: after n failures
// `toPromise()` resolves undefined and `subscribe` calls `complete`, so the last failure disappears.
import { calleeName, isFunction, type Node, someDescendant, unwrap } from '../ast.js';
import { exportsReaching } from '../handlerImports.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { Report } from './Report.js';

/** Operators that complete the notifier after a number of errors or on a condition. */
const COMPLETES = new Set(['take', 'takeWhile', 'takeUntil', 'first']);
/** Ways a notifier ends in an error instead (`throwError(() => e)`, rxjs 5's `Observable.throw(e)`). */
const FAILS = new Set(['throwError', '_throw', 'throw']);
/** Consumers that reject on an observable that completes with no value (rxjs 7's `EmptyError`). */
const REJECT_ON_EMPTY = new Set(['lastValueFrom', 'firstValueFrom']);

const MESSAGE =
  "retryWhen's notifier completes after its take(): RxJS then completes the source with no error, so after the last failed attempt the caller gets undefined (toPromise) or a plain completion, and the error is lost";

/** The notifier completes after n errors and never fails: the failure after the last retry is dropped. */
function completesSilently(notifier: Node): boolean {
  let completes = false;
  let fails = false;
  someDescendant(notifier, (n) => {
    if (n.type === 'ThrowStatement') fails = true;
    if (n.type === 'CallExpression') {
      const name = calleeName(n) ?? '';
      if (COMPLETES.has(name)) completes = true;
      if (FAILS.has(name)) fails = true;
    }
    return fails;
  });
  return completes && !fails;
}

/** The pipe around the operator ends in `lastValueFrom(...)` / `firstValueFrom(...)`, which reject on empty. */
function rejectsOnEmpty(ctx: ModuleContext, call: Node): boolean {
  let n: Node | undefined = call;
  for (let depth = 0; depth < 4 && n !== undefined; depth++) {
    n = ctx.parentOf(n);
    if (n === undefined || isFunction(n)) return false;
    if (n.type === 'CallExpression' && REJECT_ON_EMPTY.has(calleeName(n) ?? '')) return true;
  }
  return false;
}

/** Reports `retryWhen((errors) => errors.pipe(delay(ms), take(n)))` on a Lambda handler's path. */
export function rxjsRetryWhen(ctx: ModuleContext, call: Node, report: Report): boolean {
  if (calleeName(call) !== 'retryWhen') return false;
  const notifier = unwrap((call.arguments as Node[])[0]);
  if (notifier === undefined || !isFunction(notifier) || !completesSilently(notifier)) return false;
  if (rejectsOnEmpty(ctx, call)) return false;
  if (ctx.handlerKindAt(call) !== undefined) {
    report('swallowed-error', call, `${MESSAGE} on a Lambda handler path`);
    return true;
  }
  const exported = exportsReaching(ctx, call, true);
  if (exported.length > 0)
    report('swallowed-error', call, `${MESSAGE} in a function a Lambda handler calls`, {
      onlyIfExportOnHandlerPath: exported,
    });
  return true;
}
