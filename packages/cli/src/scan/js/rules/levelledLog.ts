// A log line written through a project's own logging module by a levelled method: `SCVLoggingUtil.error(...)`,
// `appLogger.info(...)`. catchFacts.ts isLogCall knows the usual logger names (`console`, `logger`, `log`);
// a module named for logging with a level method is one too, as the rules that ask this judge it.
import { memberPath, type Node, unwrap } from '../ast.js';
import { isLogCall } from './catchFacts.js';

// `log` starting a word (`log`, `my_logger`, `appLogger`, `SCVLoggingUtil`, `LOGGER`), never inside one
// (`catalog`, `dialog`, `backlog`) nor only starting it (`login`, `logs`).
const LOG_OBJECT = /(?:(?:^|[^A-Za-z])[Ll]og|Log|LOG)(?:ger|ging|GER|GING)?(?:Utils?|Service|UTILS?)?$/;
const LOG_METHOD = /^(trace|debug|info|warn|warning|error|log|fatal)$/;

/**
 * The statement or expression is a log call: isLogCall's, or a level method of an object named for logging.
 *
 * @example
 * isLevelledLog(parse('SCVLoggingUtil.error({ message })')) // -> true
 */
export function isLevelledLog(node: Node): boolean {
  if (isLogCall(node)) return true;
  const e = unwrap(node.type === 'ExpressionStatement' ? (node.expression as Node) : node);
  const call = e?.type === 'AwaitExpression' ? unwrap(e.argument as Node) : e;
  const path = call?.type === 'CallExpression' ? memberPath(call.callee) : undefined;
  return (
    path !== undefined &&
    path.length >= 2 &&
    LOG_OBJECT.test(path.at(-2) ?? '') &&
    LOG_METHOD.test(path.at(-1) ?? '')
  );
}
