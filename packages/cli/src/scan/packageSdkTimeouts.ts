// The project side of rules/sdkParamOptions.ts: may some module of a client's package hand it a request
// handler? Read from the package's text once per package, only when a candidate carries the condition.
import type { Project } from './project.js';
import { readSource } from './readSource.js';
import { packageDir } from './scriptCallers.js';

/** Any way code sets a bound on v3 (or v2) SDK requests: a handler, its timeouts, v2 httpOptions, a signal. */
const SDK_TIMEOUT_TEXT =
  /requestHandler|HttpHandler|httpOptions|requestTimeout|connectionTimeout|socketTimeout|abortSignal/;

const verdicts = new WeakMap<Project, Map<string, boolean>>();

/**
 * Does no module in `file`'s package name a request handler or an SDK timeout?
 * @example
 * packageSdkUntimed(project, '/r/collector/lambda.js') // true: the collector's modules build clients from `{ credentials }` only
 */
export function packageSdkUntimed(project: Project, file: string): boolean {
  const root = project.rootDir;
  const dir = root === undefined ? '' : packageDir(file, root);
  let byDir = verdicts.get(project);
  if (byDir === undefined) {
    byDir = new Map();
    verdicts.set(project, byDir);
  }
  const known = byDir.get(dir);
  if (known !== undefined) return known;
  let untimed = true;
  for (const f of project.files) {
    if (!f.startsWith(dir)) continue;
    const text = project.deferred.get(f) ?? readSource(f);
    if (text !== undefined && SDK_TIMEOUT_TEXT.test(text)) {
      untimed = false;
      break;
    }
  }
  byDir.set(dir, untimed);
  return untimed;
}
