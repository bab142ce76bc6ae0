// The same problem seen twice: a CDK construct in code and the resource it synthesizes in a template kept
// beside it (`new sqs.Queue(this, 'OrdersQueue')` and `OrdersQueue1A2B3C4D: Type: AWS::SQS::Queue`). The
// playbook shows them as one entry, and each raises the other's confidence.
import { dirname } from 'node:path';
import type { Finding } from './Finding.js';

const CODE = /\.[cm]?[jt]sx?$/;
/** The resource a finding names: `queue X`, `event bus X`, `table X`, `function X`, `event source of X`. */
const RESOURCE = /\b(?:queue|bus|table|function|source of)\s+([A-Za-z][\w-]*)/;
/** CDK's logical ids end in 8 hex digits of the construct path's hash. */
const CDK_HASH = /[0-9A-F]{8}$/;

type Located = Pick<Finding, 'rule' | 'file' | 'message'>;

function resourceOf(f: Located): string | undefined {
  const name = RESOURCE.exec(f.message)?.[1];
  return name?.replace(/[^A-Za-z0-9]/g, '');
}

/** `a` is `b` or a folder above it (a template at the app's root, its stacks in `lib/`). */
function contains(a: string, b: string): boolean {
  return a === '.' || a === b || b.startsWith(`${a}/`);
}

/**
 * Pairs of findings of one rule, one in code and one in a template, that name the same resource: the
 * template's logical id is the construct id (or ends with it, for a construct nested in another, when
 * the id is long enough not to be a generic `Queue`) plus CDK's hash, and one file's folder holds the
 * other's. Returns each finding's twins.
 * @example
 * const twins = findTwins(result.findings);
 * for (const [f, others] of twins) console.log(f.file, '=', others.map((o) => o.file));
 */
export function findTwins<F extends Located>(findings: readonly F[]): Map<F, F[]> {
  const twins = new Map<F, F[]>();
  const templates = findings.filter((f) => !CODE.test(f.file));
  if (templates.length === 0) return twins;
  const add = (a: F, b: F) => {
    const list = twins.get(a);
    if (list === undefined) twins.set(a, [b]);
    else list.push(b);
  };
  for (const code of findings) {
    if (!CODE.test(code.file)) continue;
    const name = resourceOf(code);
    if (name === undefined || name.length < 4) continue;
    for (const t of templates) {
      if (t.rule !== code.rule) continue;
      const logical = resourceOf(t)?.replace(CDK_HASH, '');
      if (logical === undefined || !(logical === name || (name.length >= 8 && logical.endsWith(name))))
        continue;
      const codeDir = dirname(code.file);
      const templateDir = dirname(t.file);
      if (!contains(templateDir, codeDir) && !contains(codeDir, templateDir)) continue;
      add(code, t);
      add(t, code);
    }
  }
  return twins;
}
