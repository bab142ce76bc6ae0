// Project pass: does a method called on a value of a declared type answer a promise? The type is followed
// member by member through the modules that declare each step (js/declaredTypes.ts), across relative
// imports and tsconfig path aliases alike (the resolver handles both), to the class or interface at the
// end, whose declaration says whether the method is async.
import type { ImportRef } from './js/Candidate.js';
import type { DeclaredType, TypeRef } from './js/declaredTypes.js';
import { libraryMethodAsync } from './js/libraryPromises.js';
import type { TypedCall } from './js/typedReceivers.js';
import type { Project } from './project.js';

/** Steps followed at most: a context type, a data-sources map, a class, and a little slack. */
const MAX_STEPS = 8;

/**
 * The method at the end of a typed receiver is async (or declared to answer a Promise).
 *
 * @example
 * typedMethodAsync(project, { from: '/p/resolvers/forgot.ts', type: { source: '../context', name: 'Context' }, path: ['dataSources', 'redis'], method: 'store' }) // -> true when RedisDataSource.store is async
 */
export function typedMethodAsync(project: Project, call: TypedCall & Pick<ImportRef, 'from'>): boolean {
  let file = call.from;
  let ref: TypeRef | undefined = call.type;
  const path = [...call.path];
  // The answer of an imported factory (js/valueRoots.ts): the type its export says it answers.
  if (call.returned !== undefined) {
    const target = project.resolveModule(file, call.type.source as string);
    const fact = target === undefined ? undefined : project.exportFact(target, call.type.name);
    ref = call.returned === 'await' ? (fact?.resolvesType ?? fact?.returnsType) : fact?.returnsType;
    if (ref === undefined || target === undefined) return false;
    // Its type names are the declaring module's, not the barrel's the import named.
    file = fact?.madeIn ?? target;
  }
  for (let step = 0; step < MAX_STEPS && ref !== undefined; step++) {
    const target = ref.source === undefined ? file : project.resolveModule(file, ref.source);
    // A package the scan does not hold: a library class the table knows (js/libraryPromises.ts), or nothing.
    if (target === undefined)
      return (
        path.length === 0 && ref.source !== undefined && libraryMethodAsync(ref.source, ref.name, call.method)
      );
    const declared = declaredTypeAt(project, target, ref.name);
    const shape = declared?.shape;
    const member = path.shift();
    if (member === undefined) {
      if (shape?.asyncMethods.includes(call.method) === true) return true;
      // A class extending another (`class CassandraClient extends Client`): what it does not declare, its base's.
      if (
        shape?.base !== undefined &&
        declared !== undefined &&
        shape.ownMethods?.includes(call.method) !== true
      ) {
        file = declared.file;
        ref = shape.base;
        continue;
      }
      // A class exported under another name than it is declared with: its export's async methods.
      return (
        shape === undefined &&
        project.exportFact(target, ref.name)?.asyncMethods?.includes(call.method) === true
      );
    }
    const next = shape?.members[member];
    if (next === undefined || declared === undefined) return false;
    file = declared.file;
    ref = next;
  }
  return false;
}

/** Re-export hops followed at most to the module declaring a type (a package barrel, a folder's index). */
const MAX_REEXPORTS = 6;

/**
 * The shape `name` stands for in `file`, and the module declaring it: the module itself, or one its
 * barrels pass the name on from (`export * from './types'`, `export { X } from`), as a workspace
 * package's index does.
 */
function declaredTypeAt(
  project: Project,
  file: string,
  name: string,
  hops = 0,
): { file: string; shape: DeclaredType } | undefined {
  // A deferred module is analysed in full the first time its facts are asked: not when its text cannot hold it.
  const text = project.deferred.get(file);
  if (text !== undefined && !mayDeclare(text, name)) return undefined;
  const facts = project.factsOf(file);
  const own = facts?.declaredTypes;
  if (own !== undefined && Object.hasOwn(own, name)) return { file, shape: own[name] as DeclaredType };
  if (facts === undefined || hops >= MAX_REEXPORTS) return undefined;
  for (const re of facts.reExports) {
    const pair = re.names?.find(([exported]) => exported === name);
    if (re.names !== undefined && (pair === undefined || pair[1] === '*')) continue;
    const target = project.resolveModule(file, re.source);
    const found =
      target === undefined ? undefined : declaredTypeAt(project, target, pair?.[1] ?? name, hops + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** `export *`, with any comment between the two words. */
const EXPORT_ALL = /\bexport(?:\s|\/\*[\s\S]*?\*\/|\/\/[^\n]*)*\*/;

/**
 * Can a module of this text declare `name` or pass it on? Its declared types and the names its re-exports
 * give are spelled in it (an escape, `\u0041`, can spell one otherwise); an `export * from` or a CommonJS
 * spread of a `require(` passes on names it does not spell. `default` is also the name of a CommonJS
 * `module.exports = x`, which never spells it.
 *
 * @example
 * mayDeclare("export const a = 1;", 'Store') // false: the module need not be analysed
 */
export function mayDeclare(text: string, name: string): boolean {
  return (
    name === 'default' ||
    text.includes(name) ||
    EXPORT_ALL.test(text) ||
    text.includes('require(') ||
    /\\[ux]/.test(text)
  );
}
