// Where a CDK gateway-timeout finding lands: at the `timeout` the fix changes, also when the functions take
// it from a shared props object (`const defaults = { timeout: Duration.seconds(100) }` spread into several
// `new NodejsFunction(this, id, { ...defaults, entry })`). Reported at each construct, one shared value
// read as N problems on N lines, none of them the line to change; reported at the value N times, one line
// carries N findings. So the functions behind an API that share one timeout make one finding at it, naming
// them, and it is dropped only when none of their handlers does any work (each alone would be).

import { listCalls } from '../../listCalls.js';
import type { Node } from '../ast.js';
import type { HandlerLink } from '../Candidate.js';
import type { Extra, Report } from './Report.js';

const RULE = 'iac-gateway-timeout-exceeds-lambda';

interface Shared {
  readonly node: Node;
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
 * A report that holds the unconditional findings of this rule until `flush`, one per timeout node; a
 * finding that waits on the project pass (`onlyIf...`) goes through at once, as before.
 */
export function sharedTimeoutReport(report: Report): {
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
      const shared = byNode.get(node) ?? { node, message, names: [], links: [] };
      byNode.set(node, shared);
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
          s.node,
          `${s.message} (shared by ${s.names.length} functions behind the API: ${listCalls(s.names)})`,
          // One function whose code cannot be found keeps the finding: its work is unknown.
          links.length === s.links.length ? { unlessHandlersOnlyLog: links } : undefined,
        );
      }
    },
  };
}
