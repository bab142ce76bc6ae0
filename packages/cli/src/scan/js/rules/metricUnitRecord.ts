// swallowed-error: a metric counted through the project's own wrapper, recognised by its unit. Powertools'
// `MetricUnit.Count` (also `MetricUnits`, CloudWatch's `StandardUnit`) handed to a bare, unawaited call
// (`track('error', MetricUnit.Count, 1)`, where `const { track } = metricsForComponent('fetcher')`) records
// a data point in memory, flushed when the handler returns: it observes the failure as a log line does.
import { memberPath, type Node, unwrap } from '../ast.js';

const UNIT_ENUMS = new Set(['MetricUnit', 'MetricUnits', 'StandardUnit']);

/**
 * A call statement, not awaited, one of whose arguments is a metric unit (`MetricUnit.Count`).
 *
 * @example
 * metricUnitRecord(parse("track('error', MetricUnit.Count, 1)")) // -> true
 */
export function metricUnitRecord(node: Node): boolean {
  const call = unwrap(node.type === 'ExpressionStatement' ? (node.expression as Node) : node);
  if (call?.type !== 'CallExpression') return false;
  return (call.arguments as Node[]).some((a) => {
    const path = memberPath(unwrap(a));
    return path?.length === 2 && UNIT_ENUMS.has(path[0] ?? '');
  });
}
