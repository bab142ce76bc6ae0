// swallowed-error for fetch: a body tested for the error field its API answers failures with. OAuth token
// endpoints answer `{ error, error_description }`, Google's and Spotify's APIs `{ error: { status } }`,
// GraphQL `{ errors }`: `if (result.error) { log(...); return null }`, `if ('error' in result) ...`,
// `if (Object.keys(body).includes('error')) throw ...`. A branch on that test that leaves the function
// (a throw, or a return of its own answer) looks at the failure as a status check does: the error answer
// does not pass for data on the way on. What the branch answers is judged where it is read, as after
// `if (!res.ok) return null`.
import { escapeRegExp } from '../../escapeRegExp.js';
import { type Node, someDescendant } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** The field names APIs answer their failures in. */
const ERROR_FIELD = '(?:error|errors|error_code|errorCode|fault)';

/**
 * Is `body` tested for an error field by an `if` after `from` in `fn`, whose branch throws or returns?
 *
 * @example
 * // const result = await (await fetch(tokenUrl, params)).json(); if ('error' in result) { log(...); return null }
 * errorFieldTested(ctx, fn, declarator.end, 'result') // -> true
 */
export function errorFieldTested(ctx: ModuleContext, fn: Node, from: number, body: string): boolean {
  const name = escapeRegExp(body);
  const test = new RegExp(
    [
      `\\b${name}\\s*(?:\\?\\.|\\.)\\s*${ERROR_FIELD}\\b`,
      `\\b${name}\\s*\\[\\s*['"\`]${ERROR_FIELD}['"\`]\\s*\\]`,
      `['"\`]${ERROR_FIELD}['"\`]\\s+in\\s+${name}\\b`,
      `Object\\.keys\\(\\s*${name}\\s*\\)\\s*\\.\\s*includes\\(\\s*['"\`]${ERROR_FIELD}['"\`]`,
      `\\b${name}\\s*\\.\\s*hasOwnProperty\\(\\s*['"\`]${ERROR_FIELD}['"\`]`,
    ].join('|'),
  );
  return someDescendant(
    fn.body as Node,
    (n) =>
      n.type === 'IfStatement' &&
      n.start > from &&
      test.test(ctx.source.slice((n.test as Node).start, (n.test as Node).end)) &&
      leaves(n.consequent as Node),
    true,
  );
}

/** The branch throws somewhere in it, or ends by returning. */
function leaves(branch: Node): boolean {
  if (someDescendant(branch, (n) => n.type === 'ThrowStatement', true) || branch.type === 'ThrowStatement')
    return true;
  const last = branch.type === 'BlockStatement' ? (branch.body as Node[]).at(-1) : branch;
  return last?.type === 'ReturnStatement';
}
