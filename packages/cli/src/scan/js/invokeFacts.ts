// The facts a module notes about Lambda functions invoked by name (rules/asyncInvokeNames.ts) and the names a
// serverless.ts deploys its imported definitions under (rules/serverlessTsInvoked.ts), joined by invokedFunctions.ts.
import type { ImportRef } from './Candidate.js';

/** A helper invoking a Lambda function by a name built from its parameters (rules/asyncInvokeNames.ts). */
export interface InvokeHelper {
  /** The name the helper is declared by. */
  readonly name: string;
  /** The function name, `*` for a deploy-time part and `\u0001<i>` for parameter i. */
  readonly template: string;
  /** The parameter holding `InvocationType`; -1 when the helper always invokes with `'Event'`. */
  readonly typeParam: number;
  /**
   * The template is one entry of a table the helper looks its name up in (`names[key]`): it stands only
   * for the calls whose argument at `param` is `value`.
   */
  readonly key?: { readonly param: number; readonly value: string };
}

/** A call of an imported function, with its string-literal arguments (null for any other). */
export interface InvokeHelperCall {
  readonly ref: ImportRef;
  readonly args: readonly (string | null)[];
}

/** The names a serverless.ts deploys an imported function definition under (`service-*-key`). */
export interface ServerlessFunctionName {
  readonly ref: ImportRef;
  readonly names: readonly string[];
}
