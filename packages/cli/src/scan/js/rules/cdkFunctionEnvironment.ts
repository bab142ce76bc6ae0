// What a CDK function's own props say about where it can reach: shared by the judgements that clear a
// function because of what it only touches (cdkFloodTargets, cdkEphemeralTargets).
import { objectProps } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/**
 * Whether an environment key names one of `words` by one of its `_`/`-` separated parts (an empty key is
 * taken to name one: it cannot be read). A queue's URL (`NEXT_QUEUE_URL`) names the queue, not a URL.
 *
 * @example
 * namesWord('ORDERS_API_URL', /^(URL|API)$/i) // true
 */
export function namesWord(key: string, words: RegExp): boolean {
  return (
    key === '' ||
    key
      .replace(/QUEUE[_-]?URL/gi, 'QUEUE')
      .split(/[_-]/)
      .some((w) => words.test(w))
  );
}

/**
 * Whether the function `fnName` is built from props read in full (no spread, no role of its own unless
 * `roleRead`) whose
 * environment names none of `words`.
 *
 * @example
 * plainFunctionProps(ctx, 'worker', props, /^(URL|HOST)$/i) // { environment: { TABLE: t.tableName } } -> true
 */
export function plainFunctionProps(
  ctx: ModuleContext,
  fnName: string | undefined,
  fnProps: ReturnType<typeof objectProps>,
  words: RegExp,
  roleRead = false,
): fnName is string {
  if (fnName === undefined || fnProps === undefined || fnProps.spread) return false;
  // A role of its own may reach anything, unless the caller has read it (cdkBasicRole.ts).
  if (fnProps.props.has('role') && !roleRead) return false;
  const environment = objectProps(ctx.valueOf(fnProps.props.get('environment')));
  if (environment?.spread) return false;
  for (const key of environment?.props.keys() ?? []) if (namesWord(key, words)) return false;
  return true;
}
