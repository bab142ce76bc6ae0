// Where a CDK gateway-timeout finding lands: at the `timeout` the fix changes, also when the functions take
// it from a shared props object (`const defaults = { timeout: Duration.seconds(100) }` spread into several
// `new NodejsFunction(this, id, { ...defaults, entry })`). Reported at each construct, one shared value
// read as N problems on N lines, none of them the line to change; reported at the value N times, one line
// carries N findings. So the functions behind an API that share one timeout make one finding at it, naming
// them, and it is dropped only when none of their handlers does any work (each alone would be).
// The same holds when each construct writes its own `timeout` property but all read one constant
// (`const timeout = Duration.minutes(2)` then `{ ..., timeout }` in eight constructs): the constant is
// the line to change, so the finding sits at its declaration once. One routed function reading it keeps
// the finding at its own property: the constant may also time functions no gateway waits on.

import { listCalls } from '../../listCalls.js';
import { type Node, unwrap } from '../ast.js';
import type { HandlerLink } from '../Candidate.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { Extra, Report } from './Report.js';

const RULE = 'iac-gateway-timeout-exceeds-lambda';

interface Shared {
  /** Where one function's finding lands: its own timeout property. */
  readonly node: Node;
  /** Where the finding of several lands: the constant they all read, else `node` itself. */
  readonly sharedAt: Node;
  /** The distinct timeout properties read: the constant is reported only when two or more read it. */
  readonly props: Set<Node>;
  readonly message: string;
  readonly names: string[];
  readonly links: (HandlerLink | undefined)[];
}

/** The construct's id (`new NodejsFunction(this, 'ImportFunc', ...)`), when written as a string. */
export function constructId(construct: Node): string | undefined {
  const id = (construct.arguments as Node[] | undefined)?.[1];
  return id?.type === 'Literal' && typeof id.value === 'string' ? id.value : undefined;
}

/**
 * The declaration of the module constant a `timeout` property reads (`timeout`, `timeout: TIMEOUT`,
 * `timeout: Duration.seconds(SECONDS)`), when the value comes from one `const` of this module.
 */
export function timeoutConstant(ctx: ModuleContext, timeout: Node): Node | undefined {
  if (timeout.type !== 'Property') return undefined;
  const value = unwrap(timeout.value as Node);
  const ref = value?.type === 'CallExpression' ? unwrap((value.arguments as Node[])[0]) : value;
  if (ref?.type !== 'Identifier') return undefined;
  const binding = ctx.resolve(ref.name as string, ref);
  return binding?.kind === 'const' && binding.init !== undefined ? binding.declaration : undefined;
}

/**
 * A report that holds the unconditional findings of this rule until `flush`, one per timeout node; a
 * finding that waits on the project pass (`onlyIf...`) goes through at once, as before.
 */
export function sharedTimeoutReport(
  report: Report,
  ctx?: ModuleContext,
): {
  readonly report: (node: Node, message: string, extra: Extra | undefined, construct: Node) => void;
  readonly flush: () => void;
} {
  const byNode = new Map<Node, Shared>();
  return {
    report: (node, message, extra, construct) => {
      if (extra !== undefined && Object.keys(extra).some((k) => k.startsWith('onlyIf'))) {
        report(RULE, node, message, extra);
        return;
      }
      const sharedAt = (ctx !== undefined ? timeoutConstant(ctx, node) : undefined) ?? node;
      const shared = byNode.get(sharedAt) ?? {
        node,
        sharedAt,
        props: new Set(),
        message,
        names: [],
        links: [],
      };
      byNode.set(sharedAt, shared);
      shared.props.add(node);
      shared.names.push(constructId(construct) ?? 'function');
      shared.links.push(extra?.handlerLink);
    },
    flush: () => {
      for (const s of byNode.values()) {
        if (s.names.length === 1) {
          const link = s.links[0];
          report(RULE, s.node, s.message, link !== undefined ? { handlerLink: link } : undefined);
          continue;
        }
        const links = s.links.filter((l): l is HandlerLink => l !== undefined);
        report(
          RULE,
          s.props.size > 1 ? s.sharedAt : s.node,
          `${s.message} (shared by ${s.names.length} functions behind the API: ${listCalls(s.names)})`,
          // One function whose code cannot be found keeps the finding: its work is unknown.
          links.length === s.links.length ? { unlessHandlersOnlyLog: links } : undefined,
        );
      }
    },
  };
}
