// http-no-timeout for Google's Gemini SDKs, whose requests have no client-side timeout unless one is asked
// for. A generation over a long prompt can run for minutes, and a stalled one holds the function until its
// own timeout. Reported where the model or client is built: its options are what every call inherits.
//
// - `@google/generative-ai`: `genAI.getGenerativeModel(params, requestOptions)` (and
//   `getGenerativeModelFromCachedContent(cached, params, requestOptions)`); dist/index.mjs buildFetchOptions
//   arms an AbortController only when `requestOptions.timeout >= 0` or a `signal` is given; the model hands
//   its requestOptions to every generateContent, so a model built without them sends with none. A call's own
//   requestOptions (`model.generateContent(req, { timeout })`) bound that call only; they are not read (a
//   module-wide look let one bounded call exempt every model), so a model built without them is reported.
// - `@google/genai`: `new GoogleGenAI({ apiKey, httpOptions: { timeout } })`; dist/node/index.mjs: "there is
//   no client-side timeout by default (the server bounds requests: 10 min unary, 20 min streaming)";
//   `httpOptions.timeout` arms the SDK's abort timer; a custom `httpOptions.fetch` is given the benefit of
//   the doubt. A call's `config: { httpOptions, abortSignal }` bounds that call only; it is not read (a
//   module-wide look let any `httpOptions`, an aws-sdk one included, exempt every client).
import { calleeName, type Node, objectProps, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { coverAt } from '../protection.js';
import { unreadClient } from '../unreadClients.js';
import type { Report } from './Report.js';

const LEGACY = '@google/generative-ai';
const GENAI = '@google/genai';
/** Model factories of the legacy SDK, and where their requestOptions go. */
const MODEL_FACTORIES: Readonly<Record<string, number>> = {
  getGenerativeModel: 1,
  getGenerativeModelFromCachedContent: 2,
};

/** Does the module name one of Google's Gemini SDKs? (a text test before any walk, as mentionsExtendedSqs) */
export function mentionsGemini(spells: (word: string) => boolean): boolean {
  return spells(LEGACY) || spells(GENAI);
}

/** Does the module import from `source` (the package or one of its subpaths)? */
function imports(ctx: ModuleContext, source: string): boolean {
  return (
    ctx.source.includes(`'${source}`) ||
    ctx.source.includes(`"${source}`) ||
    ctx.source.includes(`\`${source}`)
  );
}

/** Options seen in full with none of `names`; absent options count as none. */
function lacks(ctx: ModuleContext, options: Node | undefined, names: readonly string[]): boolean {
  if (options === undefined) return true;
  const props = objectProps(ctx.valueOf(options));
  if (props === undefined || props.spread) return false;
  return !names.some((name) => props.props.has(name));
}

/** `new GoogleGenAI(...)` calls of the module. */
function genaiClients(ctx: ModuleContext): Node[] {
  return ctx
    .of('NewExpression')
    .filter((n) => ctx.importRoot(n.callee as Node)?.source.startsWith(GENAI) === true);
}

/** `new GoogleGenAI(options)` whose `httpOptions`, seen in full, set no timeout. */
function untimedGenai(ctx: ModuleContext, node: Node): boolean {
  const options = (node.arguments as Node[])[0];
  if (lacks(ctx, options, ['httpOptions'])) return true;
  const props = objectProps(ctx.valueOf(options));
  return lacks(ctx, props?.props.get('httpOptions'), ['timeout', 'fetch']);
}

/**
 * Gemini models and clients built without a timeout.
 * @example
 * untimedGemini(ctx, report); // reports `genAI.getGenerativeModel({ model })` in a module importing @google/generative-ai
 */
export function untimedGemini(ctx: ModuleContext, report: Report): void {
  if (!mentionsGemini((w) => ctx.spells(w))) return;
  if (imports(ctx, LEGACY))
    for (const call of ctx.of('CallExpression')) {
      const name = calleeName(call);
      if (name === undefined || !Object.hasOwn(MODEL_FACTORIES, name)) continue;
      if (unwrap(call.callee as Node)?.type !== 'MemberExpression') continue;
      const at = MODEL_FACTORIES[name] as number;
      if (!lacks(ctx, (call.arguments as Node[])[at], ['timeout', 'signal'])) continue;
      if (unreadClient(ctx, call) || coverAt(ctx, call).kinds.has('timeout')) continue;
      report(
        'http-no-timeout',
        call,
        `Gemini model built without requestOptions.timeout: @google/generative-ai sets no timeout, so a stalled generateContent holds the function until it times out; pass { timeout } as ${name}'s requestOptions`,
      );
    }
  const clients = imports(ctx, GENAI) ? genaiClients(ctx) : [];
  for (const node of clients) {
    if (!untimedGenai(ctx, node)) continue;
    if (unreadClient(ctx, node) || coverAt(ctx, node).kinds.has('timeout')) continue;
    report(
      'http-no-timeout',
      node,
      'GoogleGenAI client built without httpOptions.timeout: @google/genai sets no client-side timeout, so a stalled request holds the function until it times out; pass httpOptions: { timeout }',
    );
  }
}
