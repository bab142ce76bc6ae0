// Code a framework runs because a decorator or a module registered it, not because anything calls it by
// name. A NestJS app boots from its root module (`NestFactory.create(AppModule)`), whose `@Module({ imports,
// providers, controllers })` names the classes the framework builds; an `@OnEvent('user.created')`,
// `@Cron(...)` or `@Get()` method of one of them then runs when its event, schedule or route fires. The
// handler-path join (js/handlerImports.ts, importerUses.ts) follows these registrations as it follows calls.
import { forEachDescendant, isFunction, type Node, propertyName, unwrap } from './ast.js';
import type { ImportRef } from './Candidate.js';
import { isProjectSource, type ModuleContext } from './ModuleContext.js';

/**
 * The tag on an export's name for the part of a class its framework registration starts
 * (`NoticeListener#registered`): a class reached only as a module's provider runs its registered methods,
 * while one a handler constructs or calls (`this.notices.send()`) runs any of them.
 */
export const REGISTERED = '#registered';

/** The name an export is known by and its tag: `['NoticeListener', '#registered']`, `['main', '']`. */
export function splitTag(name: string): [string, string] {
  return name.endsWith(REGISTERED) ? [name.slice(0, -REGISTERED.length), REGISTERED] : [name, ''];
}

/** The name a decorator is called by: `Module` of `@Module({...})`, `OnEvent` of `@OnEvent('x')`. */
function decoratorName(decorator: Node): string | undefined {
  let e = unwrap(decorator.expression as Node);
  if (e?.type === 'CallExpression') e = unwrap(e.callee);
  if (e?.type === 'Identifier') return e.name as string;
  return e?.type === 'MemberExpression' ? propertyName(e.property, e.computed as boolean) : undefined;
}

function decoratorsOf(node: Node | undefined): Node[] {
  return (node?.decorators as Node[] | undefined) ?? [];
}

/**
 * The project classes an `@Module({...})` class registers (its imports, providers, controllers, exports,
 * including `forwardRef(() => X)` and `{ provide: X, useClass: Y }`), by their registered part (REGISTERED):
 * the framework builds each, so whatever reaches the module reaches what their registrations start.
 *
 * @example
 * registeredByModule(ctx, emailModuleClass) // [{ from: '/app/email/email.module.ts', source: './email-events.handler', name: 'EmailEventsHandler#registered' }]
 */
export function registeredByModule(ctx: ModuleContext, cls: Node): ImportRef[] {
  const decorator = decoratorsOf(cls).find((d) => decoratorName(d) === 'Module');
  if (decorator === undefined) return [];
  const refs = new Map<string, ImportRef>();
  // A call's callee (`forwardRef` of `forwardRef(() => X)`) is a helper, not a registered class.
  const callees = new Set<Node | undefined>([unwrap((decorator.expression as Node).callee as Node)]);
  forEachDescendant(decorator.expression as Node, (node) => {
    if (node.type === 'CallExpression') callees.add(unwrap(node.callee));
    if (node.type !== 'Identifier' || callees.has(node)) return true;
    const imp = ctx.importOf(node.name as string, node);
    if (imp === undefined || imp.imported === '*' || !isProjectSource(imp.source)) return true;
    const name = `${imp.imported}${REGISTERED}`;
    refs.set(`${imp.source}\0${name}`, { from: ctx.file, source: imp.source, name });
    return true;
  });
  return [...refs.values()];
}

/** The method's name when it is a plain (non-static, non-computed) method of the class body. */
function methodName(member: Node): string | undefined {
  if (member.type !== 'MethodDefinition' || member.static === true) return undefined;
  return propertyName(member.key as Node, member.computed as boolean);
}

/**
 * For a decorated class (`@Injectable()`, `@Controller()`) some of whose methods a decorator registers
 * (`@OnEvent(...)`, `@Cron(...)`, `@Get()`): the functions the framework starts, the registered methods
 * and the constructor, plus the methods they call as `this.name(...)`. An undecorated method nothing in
 * the class calls is not started by registration (`onUserCreated` left without its `@OnEvent` never runs).
 * Undefined for any other class. A class a handler constructs or calls still starts from every method.
 */
export function registeredStarts(cls: Node): Node[] | undefined {
  if (decoratorsOf(cls).length === 0) return undefined;
  const members = ((cls.body as Node).body as Node[]).filter((m) => m.type === 'MethodDefinition');
  const registered = members.filter((m) => decoratorsOf(m).length > 0);
  if (registered.length === 0) return undefined;
  const byName = new Map<string, Node>();
  for (const m of members) {
    const name = methodName(m);
    if (name !== undefined) byName.set(name, m);
  }
  const started = new Set<Node>([...registered, ...members.filter((m) => m.kind === 'constructor')]);
  const queue = [...started];
  while (queue.length > 0) {
    const member = queue.pop() as Node;
    forEachDescendant(member.value as Node, (node) => {
      if (node.type !== 'MemberExpression' || unwrap(node.object as Node)?.type !== 'ThisExpression')
        return true;
      const target = byName.get(propertyName(node.property, node.computed as boolean) ?? '');
      if (target !== undefined && !started.has(target)) {
        started.add(target);
        queue.push(target);
      }
      return true;
    });
  }
  return [...started].map((m) => unwrap(m.value as Node)).filter((f): f is Node => isFunction(f));
}

/** A class's name by the language's convention (`AppModule`, not `handler` or `MAX_ITEMS`). */
const CLASS_NAME = /^[A-Z][a-z0-9]\w*$/;

/**
 * Project classes handed as values to a call (`createApp(AppModule, logger)`,
 * `NestFactory.create(AppModule)`): the call builds the app from them, so what they register runs on the
 * caller's path. Functions handed on are left to the rules that follow callbacks: which of them runs, and
 * when, depends on the callee.
 */
export function handedImports(ctx: ModuleContext, call: Node): ImportRef[] {
  const refs: ImportRef[] = [];
  for (const arg of call.arguments as Node[]) {
    const value = unwrap(arg);
    if (value?.type !== 'Identifier' || !CLASS_NAME.test(value.name as string)) continue;
    const imp = ctx.importOf(value.name as string, value);
    if (imp === undefined || imp.imported === '*' || !isProjectSource(imp.source)) continue;
    refs.push({ from: ctx.file, source: imp.source, name: imp.imported });
  }
  return refs;
}

/**
 * A project function named as a value in an object of functions (`{ chatFn: chatBedrock }`,
 * `{ triggerEvent }`): a provider table or an object of dependencies, whose functions the code holding
 * it calls through the object.
 */
export function tabledImport(ctx: ModuleContext, prop: Node): ImportRef | undefined {
  const value = unwrap(prop.value as Node);
  if (value?.type !== 'Identifier' || CLASS_NAME.test(value.name as string)) return undefined;
  if (!ctx.projectImports.has(value.name as string)) return undefined;
  const imp = ctx.importOf(value.name as string, value);
  if (imp === undefined || imp.imported === '*') return undefined;
  return { from: ctx.file, source: imp.source, name: imp.imported };
}
