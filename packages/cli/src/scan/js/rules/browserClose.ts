// floating-promise: `browser.close()` / `page.close()` of a headless browser left un-awaited (most often in
// a `finally`). Puppeteer's and Playwright's documented types make `Browser.close()`, `Page.close()` and
// `BrowserContext.close()` return a Promise: the handler returns while Chromium is still shutting down, the
// frozen sandbox keeps the process, and a failed close is never seen. The receiver is known by its type or
// by where its value comes from (`launch()` of one of these packages, or `newPage()` of such a browser),
// never by the method name alone: `server.close()` or `db.close()` say nothing.
import { forEachDescendant, lastName, memberPath, type Node, propertyName, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/**
 * Packages whose `launch()` answers a Puppeteer or Playwright browser: Puppeteer itself, the Lambda
 * Chromium builds that carry it (`chromium.puppeteer.launch`), and Playwright's packages.
 */
const BROWSER_PACKAGE =
  /^(?:puppeteer(?:-core|-extra)?|chrome-aws-lambda|@sparticuz\/chrome-aws-lambda|playwright(?:-core|-chromium|-firefox|-webkit|-aws-lambda)?|@playwright\/test)$/;

/** Cheap text test for the ruleGate and the rule: the module imports one of those packages. */
export const BROWSER_IMPORT =
  /['"](?:puppeteer(?:-core|-extra)?|chrome-aws-lambda|@sparticuz\/chrome-aws-lambda|playwright(?:-core|-chromium|-firefox|-webkit|-aws-lambda)?|@playwright\/test)['"]/;

/** Calls that answer a browser, a context or a page (each a promise to await for the value). */
const MAKERS = new Set([
  'launch',
  'launchChromium',
  'launchPersistentContext',
  'connect',
  'connectOverCDP',
  'newPage',
  'newContext',
]);

/** Type names of those packages whose `close()` answers a Promise. */
const CLOSABLE_TYPES = new Set(['Browser', 'Page', 'BrowserContext']);

function fromBrowserPackage(ctx: ModuleContext, node: Node | undefined): boolean {
  const imp = ctx.importRoot(node);
  return imp !== undefined && BROWSER_PACKAGE.test(imp.source);
}

/** `Browser`, `Browser | null`, `puppeteer.Browser` imported from a browser package. */
function closableType(ctx: ModuleContext, type: Node | undefined): boolean {
  const t = type?.type === 'TSTypeAnnotation' ? (type.typeAnnotation as Node) : type;
  if (t === undefined || t === null) return false;
  if (t.type === 'TSUnionType') return (t.types as Node[]).some((u) => closableType(ctx, u));
  if (t.type !== 'TSTypeReference') return false;
  const path = memberPath(t.typeName as Node) ?? qualified(t.typeName as Node);
  const last = path?.[path.length - 1];
  if (last === undefined || !CLOSABLE_TYPES.has(last)) return false;
  const first = path?.[0] as string;
  const imp = ctx.imports.get(first);
  if (imp !== undefined) return BROWSER_PACKAGE.test(imp.source);
  // The module index keeps value imports only: `import type { Browser } from 'puppeteer-core'` is read here.
  return new RegExp(
    `\\bimport\\s+(?:type\\s+)?\\{[^}]*\\b${first.replace(/[$]/g, '\\$')}\\b[^}]*\\}\\s*from\\s*${BROWSER_IMPORT.source}`,
  ).test(ctx.source);
}

/** `puppeteer.Browser` as a TSQualifiedName. */
function qualified(name: Node | undefined): string[] | undefined {
  if (name?.type === 'Identifier') return [name.name as string];
  if (name?.type !== 'TSQualifiedName') return undefined;
  const left = qualified(name.left as Node);
  return left === undefined ? undefined : [...left, name.right.name as string];
}

/** `await launch(...)`, `await chromium.puppeteer.launch(...)`, `await browser.newPage()`. */
function madeByBrowser(ctx: ModuleContext, value: Node | undefined, depth: number): boolean {
  let v = unwrap(value);
  if (v?.type === 'AwaitExpression') v = unwrap(v.argument);
  if (v?.type !== 'CallExpression' || depth > 3) return false;
  const callee = unwrap(v.callee);
  const name = lastName(callee);
  if (name === undefined || !MAKERS.has(name)) return false;
  if (callee?.type === 'Identifier') {
    const imp = ctx.importOf(name, callee);
    return imp !== undefined && BROWSER_PACKAGE.test(imp.source);
  }
  const object = unwrap(callee?.object as Node);
  if (fromBrowserPackage(ctx, object)) return true;
  return object?.type === 'Identifier' && isBrowserValue(ctx, object, depth + 1);
}

/** The name stands for a browser, context or page: by its declared type or by every value it is given. */
function isBrowserValue(ctx: ModuleContext, id: Node, depth: number): boolean {
  const binding = ctx.resolve(id.name as string, id);
  if (binding === undefined || (binding.kind !== 'const' && binding.kind !== 'let' && binding.kind !== 'var'))
    return false;
  const declared = binding.declaration.type === 'VariableDeclarator' ? binding.declaration.id : undefined;
  if (closableType(ctx, declared?.typeAnnotation as Node | undefined)) return true;
  if (binding.init !== undefined && madeByBrowser(ctx, binding.init, depth)) return true;
  if (binding.kind === 'const') return false;
  // `let browser; try { browser = await launch(...) } finally { browser?.close() }`.
  let made = false;
  forEachDescendant(binding.scope, (n) => {
    if (made) return false;
    const target = n.type === 'AssignmentExpression' ? unwrap(n.left as Node) : undefined;
    if (
      target?.type === 'Identifier' &&
      target.name === id.name &&
      madeByBrowser(ctx, n.right as Node, depth)
    )
      made = true;
    return !made;
  });
  return made;
}

/**
 * `browser.close()` (or `browser?.close()`, `page.close()`) where the receiver is a Puppeteer or Playwright
 * browser, context or page: the call answers a Promise by the library's documented types.
 *
 * @example
 * closesBrowser(ctx, call) // browser.close() of `const browser = await chromium.puppeteer.launch(...)` -> true
 */
export function closesBrowser(ctx: ModuleContext, call: Node): boolean {
  const callee = unwrap(call.callee);
  if (callee?.type !== 'MemberExpression' || call.arguments.length > 1) return false;
  if (propertyName(callee.property, callee.computed as boolean) !== 'close') return false;
  const object = unwrap(callee.object as Node);
  return object?.type === 'Identifier' && BROWSER_IMPORT.test(ctx.source) && isBrowserValue(ctx, object, 0);
}
