// Routes of a web app that a Lambda adapter serves whole (`serverless(app)`, `createServer(app)`: see
// ../webAppAdapter.ts). Nothing calls a route callback by name: the framework runs it for a request, so
// the handler-path join (handlerImports.ts, ../importerUses.ts) follows registrations as it follows calls.
// The adapter's module reaches the app it wraps; an exported app or router reaches the callbacks registered
// on it and the routers mounted on it (`app.use('/docs', docsRouter)`, `app.use('/x', xRoutes.router)` of
// `const xRoutes = new XRoutes()`, whose class registers its methods in its constructor), through the
// module's own routers mounted on it at any depth (`app.use('/', router)`, Hono's `app.route('/v1', v1)`)
// and the registrations an app is built with in one chain. A router only a local dev server or a container
// service mounts, or one never mounted, is reached by no handler and stays as it was.
import { isFunction, type Node, propertyName, unwrap } from './ast.js';
import type { ImportRef } from './Candidate.js';
import { requiredSource } from './folderLoads.js';
import { isProjectSource, type ModuleContext } from './ModuleContext.js';

/** The packages that build a web app or router whose registrations a request runs. */
const WEB_FRAMEWORK =
  /^(express|express-promise-router|router|koa|@koa\/router|koa-router|fastify|hono|polka|restify|lambda-api|claudia-api-builder)$/;

/** The documented Lambda adapters of a whole web app (../webAppAdapter.ts). */
const ADAPTER =
  /^(@vendia\/serverless-express|@codegenie\/serverless-express|aws-serverless-express|serverless-http|@fastify\/aws-lambda|aws-lambda-fastify|hono\/aws-lambda|@h4ad\/serverless-adapter)$/;

/** The methods that register a route, a middleware or a mounted router on an app or router. */
const REGISTER =
  /^(use|get|post|put|patch|delete|del|head|options|all|any|route|register|on|mount|basePath)$/;

/** Is `node` (a value) an app or router a web framework builds: `express()`, `Router()`, `new Koa()`? */
export function isWebApp(ctx: ModuleContext, node: Node | undefined): boolean {
  const v = chainBase(unwrap(node));
  if (v?.type !== 'CallExpression' && v?.type !== 'NewExpression') return false;
  const source = ctx.importRoot(v.callee as Node)?.source;
  return source !== undefined && WEB_FRAMEWORK.test(source);
}

/**
 * The value an app or router name stands for, through `var app = express()` too (ctx.valueOf follows only
 * `const` and `let`): an app is built once and registered on, not assigned again.
 */
function appOf(ctx: ModuleContext, node: Node | undefined): Node | undefined {
  const v = ctx.valueOf(node);
  if (v?.type !== 'Identifier') return v;
  const b = ctx.resolve(v.name as string, v);
  return b?.kind === 'var' && b.init !== undefined ? unwrap(b.init) : v;
}

/**
 * The registration calls an app is built with, outermost first, when the value is such a chain (Hono's
 * `new Hono().basePath('/api').use(cors()).get('/blogs', ...list)`): each registers on the app the
 * chain makes, as `app.get(...)` written apart would.
 */
function chainCalls(node: Node | undefined): Node[] {
  const calls: Node[] = [];
  for (let v = node; v?.type === 'CallExpression'; ) {
    const callee = unwrap(v.callee);
    if (callee?.type !== 'MemberExpression') break;
    if (!REGISTER.test(propertyName(callee.property, callee.computed as boolean) ?? '')) break;
    calls.push(v);
    v = unwrap(callee.object);
  }
  return calls;
}

/** The app a chain of registrations starts from (`new Hono()` of `new Hono().basePath('/api')`), or the value itself. */
function chainBase(node: Node | undefined): Node | undefined {
  const calls = chainCalls(node);
  const last = calls.at(-1);
  return last === undefined ? node : unwrap((unwrap(last.callee) as Node).object as Node);
}

/** The object a registration call is made on: `router` of `router.route('/x').get(fn)`. */
function registeredOn(call: Node): Node | undefined {
  let callee = unwrap(call.callee);
  if (callee?.type !== 'MemberExpression') return undefined;
  if (!REGISTER.test(propertyName(callee.property, callee.computed as boolean) ?? '')) return undefined;
  let object = unwrap(callee.object);
  // A chain of registrations on one route: `router.route('/x').get(a).post(b)`.
  while (object?.type === 'CallExpression') {
    callee = unwrap(object.callee);
    if (callee?.type !== 'MemberExpression') return undefined;
    if (!REGISTER.test(propertyName(callee.property, callee.computed as boolean) ?? '')) return undefined;
    object = unwrap(callee.object);
  }
  return object;
}

/**
 * The project code a value handed to the framework stands for: an imported router or function
 * (`docsRouter`), `require('./routes/x')` in place, or a member of a module-level instance of an imported
 * class (`xRoutes.router` of `const xRoutes = new XRoutes()`).
 */
function projectRefs(ctx: ModuleContext, arg: Node | undefined, depth = 0): ImportRef[] {
  const a = unwrap(arg);
  if (a === undefined || depth > 3) return [];
  if (a.type === 'Identifier') {
    const imp = ctx.importOf(a.name as string, a);
    if (imp !== undefined)
      return imp.imported !== '*' && isProjectSource(imp.source)
        ? [{ from: ctx.file, source: imp.source, name: imp.imported }]
        : [];
    const v = ctx.valueOf(a);
    return v === a ? [] : projectRefs(ctx, v, depth + 1);
  }
  if (a.type === 'MemberExpression') return projectRefs(ctx, a.object as Node, depth + 1);
  if (a.type === 'CallExpression' || a.type === 'NewExpression') {
    const required = requiredSource(a);
    if (required !== undefined) return [{ from: ctx.file, source: required, name: 'default' }];
    const inner = requiredSource(a.callee as Node);
    if (inner !== undefined) return [{ from: ctx.file, source: inner, name: 'default' }];
    return projectRefs(ctx, a.callee as Node, depth + 1);
  }
  if (a.type === 'ObjectExpression')
    return (a.properties as Node[]).flatMap((p) =>
      p.type === 'Property' ? projectRefs(ctx, p.value as Node, depth + 1) : [],
    );
  if (a.type === 'AwaitExpression') return projectRefs(ctx, a.argument as Node, depth + 1);
  return [];
}

interface Registrations {
  readonly starts: Node[];
  readonly refs: ImportRef[];
}

/** Asked for every export each time a rule asks which exports reach a node: found once per app. */
const registered = new WeakMap<Node, Registrations>();

/**
 * What a request to the app or router `app` (a value: the `express()` call an export stands for) runs: the
 * functions registered on it in this module, and the project imports mounted on it.
 *
 * @example
 * registrations(ctx, expressCall) // { starts: [listItems arrow], refs: [{ source: './routes/docs', name: 'default' }] }
 */
export function registrations(ctx: ModuleContext, value: Node): Registrations {
  const app = appOf(ctx, value);
  if (app === undefined) return { starts: [], refs: [] };
  const cached = registered.get(app);
  if (cached !== undefined) return cached;
  const starts: Node[] = [];
  const refs: ImportRef[] = [];
  registered.set(app, { starts, refs });
  if (builtHandlers(ctx, app)) {
    for (const arg of app.arguments as Node[]) register(ctx, arg, app, starts, refs);
    return { starts, refs };
  }
  if (!isWebApp(ctx, app)) return { starts, refs };
  const chain = new Set(chainCalls(app));
  for (const call of ctx.of('CallExpression')) {
    const on: Node | undefined = chain.has(call) ? app : registeredOn(call);
    if (on === undefined || (on !== app && appOf(ctx, on) !== app)) continue;
    for (const arg of call.arguments as Node[]) register(ctx, arg, app, starts, refs);
  }
  return { starts, refs };
}

/** What one value handed to a registration (or to a handler builder) stands for, added to `starts`/`refs`. */
function register(ctx: ModuleContext, given: Node, app: Node, starts: Node[], refs: ImportRef[]): void {
  // Hono's `app.get('/x', ...handlers)` of `factory.createHandlers(auth, async (c) => ...)`.
  const arg = given.type === 'SpreadElement' ? (given.argument as Node) : given;
  const fn = ctx.functionOf(arg);
  if (fn !== undefined) {
    starts.push(fn);
    return;
  }
  // A router of this module mounted on the app (`app.use('/', router)` of `const router =
  // express.Router()`, Hono's `app.route('/api/v1', v1)` of `const v1 = new Hono()`), or handlers built
  // here: a request runs what is registered on it too, however deep the mounts go. A router never mounted
  // is reached by none. Only a named router, or one built inline with its routes chained on: `express.json()`
  // in place is a middleware nothing registers on, not worth a walk of the module's calls each.
  const inline = unwrap(arg);
  const named = inline?.type === 'Identifier' || chainCalls(inline).length > 0;
  const mounted = named ? appOf(ctx, arg) : inline;
  const walked =
    mounted !== undefined &&
    mounted !== app &&
    ((named && isWebApp(ctx, mounted)) || builtHandlers(ctx, mounted));
  if (walked) {
    const inner = registrations(ctx, mounted);
    starts.push(...inner.starts);
    refs.push(...inner.refs);
  } else refs.push(...projectRefs(ctx, arg));
}

/**
 * Is `node` a call that builds route handlers from the functions it is given, to be registered elsewhere:
 * hono/factory's `factory.createHandlers(auth, async (c) => ...)` (the factory often made in a module of
 * its own) and `createMiddleware(async (c, next) => ...)`? Whatever registers the result runs them.
 */
function builtHandlers(ctx: ModuleContext, node: Node): boolean {
  if (node.type !== 'CallExpression') return false;
  const callee = unwrap(node.callee);
  if (callee?.type === 'MemberExpression')
    return propertyName(callee.property, callee.computed as boolean) === 'createHandlers';
  return ctx.importRoot(callee)?.source === 'hono/factory';
}

/**
 * The project code a module's Lambda adapter serves: the app it hands the adapter, imported
 * (`createServer(require('./app'))`, `serverless(await buildApp())`) or built here with routers mounted.
 *
 * @example
 * adapterServes(ctx) // [{ from: '/app/lambda.js', source: './app', name: 'default' }]
 */
export function adapterServes(ctx: ModuleContext): ImportRef[] {
  if (![...ctx.imports.values()].some((i) => ADAPTER.test(i.source))) return [];
  const refs = new Map<string, ImportRef>();
  const add = (r: ImportRef) => refs.set(`${r.source}\0${r.name}`, r);
  for (const call of ctx.of('CallExpression')) {
    const source = ctx.importRoot(call.callee as Node)?.source;
    if (source === undefined || !ADAPTER.test(source)) continue;
    for (const arg of call.arguments as Node[]) {
      for (const r of projectRefs(ctx, arg)) add(r);
      // An app built in the adapter's own module: what is mounted on it.
      const values = unwrap(arg)?.type === 'ObjectExpression' ? objectValues(unwrap(arg) as Node) : [arg];
      for (const v of values) {
        const app = appOf(ctx, v);
        if (app !== undefined && !isFunction(app)) for (const r of registrations(ctx, app).refs) add(r);
      }
    }
  }
  return [...refs.values()];
}

function objectValues(object: Node): Node[] {
  return (object.properties as Node[]).flatMap((p) => (p.type === 'Property' ? [p.value as Node] : []));
}
