// iac-missing-dlq for a template function the project's own code invokes asynchronously by the name the
// template deploys it under: a coordinator reads a webhook's topic and calls invokeLambda with the name
// `${env}_orders_cancelled` and `InvocationType: 'Event'`, and the template names that function `!Join ['_',
// [!Ref Environment, orders_cancelled]]` (or `!Sub '${Environment}_orders_cancelled'`). Nothing in the
// template wires the two; the convention does. The finding sits at the function, is kept by the project
// pass only when some code invokes a name the deployed pattern can be (invokedFunctions.ts); the caller's
// report links it to the handler, dropped when that does no work, as every async finding on a function is.
import type { IacReport } from './IacResult.js';
import type { TemplateResource } from './queueUse.js';
import { exportName } from './stackExports.js';

/**
 * Reports each named function the caller's `settled` leaves (no failure target, not already reported for
 * an async trigger of its own: the caller's firstAsyncReport), kept where its deployed name is invoked with 'Event'.
 * @example
 * checkNameInvoked(resources, at, report, settled) // FunctionName '*_orders_cancelled', kept if invoked so
 */
export function checkNameInvoked(
  resources: readonly TemplateResource[],
  at: (r: TemplateResource) => (string | number)[],
  report: IacReport,
  settled: (fn: TemplateResource) => boolean,
): void {
  for (const fn of resources) {
    if (fn.type !== 'AWS::Serverless::Function' && fn.type !== 'AWS::Lambda::Function') continue;
    const name = invokedName(fn);
    if (name === undefined || settled(fn)) continue;
    report(
      'iac-missing-dlq',
      at(fn),
      `${fn.id} is invoked asynchronously by the project's code (its name ${name} with InvocationType 'Event') with no DeadLetterQueue or OnFailure destination: after Lambda's two retries the event is dropped`,
      { onlyIfNameInvoked: [name] },
    );
  }
}

/**
 * The deployed name pattern code could invoke a function by (`*` for each substitution), when it holds
 * enough of its own to tell (three letters).
 * @example
 * invokedName(fn) // '*_orders_cancelled' for FunctionName !Sub '${Env}_orders_cancelled'
 */
export function invokedName(fn: TemplateResource): string | undefined {
  const name = exportName(fn.props.FunctionName);
  return name !== undefined && /[A-Za-z]{3}/.test(name) ? name : undefined;
}
