// A SAM function built by esbuild (`Metadata: { BuildMethod: esbuild, BuildProperties: { EntryPoints: [...] } }`)
// names the BUILT module in `Handler`: esbuild writes each entry point under the build folder at its path
// below the entry points' lowest common ancestor directory (its documented default `outbase`), so one entry
// `cron-jobs/ExecuteDailyStripeTransfer.ts` becomes `ExecuteDailyStripeTransfer.js`, and the template says
// `Handler: ExecuteDailyStripeTransfer.lambdaHandler`. Every handler join reads `Handler` beside `CodeUri`,
// so the template is read with each such Handler written as the source module it is built from.
import { type Json, obj } from './IacResult.js';

const SOURCE = /\.[cm]?[jt]sx?$/;

/** Entry paths without `./` and extension, split into folders. */
function entryParts(entries: readonly string[]): string[][] {
  return entries.map((e) =>
    e
      .replace(SOURCE, '')
      .split('/')
      .filter((p) => p !== '' && p !== '.'),
  );
}

/** The number of leading folders every entry shares (their lowest common ancestor directory). */
function commonDepth(parts: readonly string[][]): number {
  let depth = 0;
  for (;;) {
    const head = parts[0]?.[depth];
    // Only folders count: the last part of an entry is its file.
    if (head === undefined || parts.some((p) => p.length - 1 <= depth || p[depth] !== head)) return depth;
    depth++;
  }
}

/**
 * `Handler` of each esbuild-built SAM function rewritten to the module esbuild builds it from, when the
 * written module is one entry point's output and not the entry itself. The template object is changed in
 * place (positions of findings come from the YAML document, not from this object).
 * @example
 * // Handler: ExecuteDailyStripeTransfer.lambdaHandler, EntryPoints: [cron-jobs/ExecuteDailyStripeTransfer.ts]
 * writeEsbuildSourceHandlers(template) // Handler: cron-jobs/ExecuteDailyStripeTransfer.lambdaHandler
 */
export function writeEsbuildSourceHandlers(template: Record<string, Json>): void {
  for (const r of Object.values(obj(template.Resources) ?? {})) {
    const res = obj(r);
    const meta = obj(res?.Metadata);
    const props = obj(res?.Properties);
    if (res?.Type !== 'AWS::Serverless::Function' || meta?.BuildMethod !== 'esbuild' || props === undefined)
      continue;
    const raw = obj(meta.BuildProperties)?.EntryPoints;
    const entries = Array.isArray(raw) ? raw.filter((e): e is string => typeof e === 'string') : [];
    const handler = props.Handler;
    if (entries.length === 0 || typeof handler !== 'string') continue;
    const dot = handler.lastIndexOf('.');
    if (dot <= 0) continue;
    const written = handler.slice(0, dot).replace(/^\.\//, '');
    const parts = entryParts(entries);
    const depth = commonDepth(parts);
    for (const p of parts) {
      const source = p.join('/');
      if (p.slice(depth).join('/') === written && source !== written) {
        props.Handler = `${source}${handler.slice(dot)}`;
        break;
      }
    }
  }
}
