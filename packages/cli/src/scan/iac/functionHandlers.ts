// Every function's handler string in a SAM/CloudFormation template or a serverless.yml, whatever invokes it:
// the runtime calls the export it names (`join/join-community.default`), so module analysis takes that
// export for an entry point whatever its name or shape (templateNamedHandlers.ts). A handler is written
// relative to the function's code folder (`CodeUri`); when that folder is a bundler's output the repository
// does not hold (`./dist/join/join-community`), the module the bundle is built from sits at the same path
// under the source folder, so the string as written is kept too, joined only where one module answers to it
// (handlerJoin.ts).
import { type Json, joinHandler, obj } from './IacResult.js';

const FUNCTION_TYPES = new Set(['AWS::Serverless::Function', 'AWS::Lambda::Function']);

/**
 * The handler strings of a template's functions: `inFolder` relative to the template's folder (under the
 * code folder), and `written` as the template writes them when a code folder is given (relative to that
 * folder, matched by the end of a module's path). Inline `ZipFile` code has no module.
 * @example
 * samFunctionHandlers({ Resources: { F: { Type: 'AWS::Serverless::Function', Properties:
 *   { CodeUri: './dist/join', Handler: 'join/join.default' } } } })
 * // { inFolder: ['dist/join/join/join.default'], written: ['join/join.default'] }
 */
export function samFunctionHandlers(template: Record<string, Json>): {
  inFolder: string[];
  written: string[];
} {
  const globals = obj(obj(template.Globals)?.Function) ?? {};
  const inFolder = new Set<string>();
  const written = new Set<string>();
  for (const r of Object.values(obj(template.Resources) ?? {})) {
    const res = obj(r);
    if (!FUNCTION_TYPES.has(res?.Type)) continue;
    const props = obj(res?.Properties) ?? {};
    const handler = props.Handler ?? globals.Handler;
    if (typeof handler !== 'string' || obj(props.Code)?.ZipFile !== undefined) continue;
    const code = props.CodeUri ?? globals.CodeUri;
    const joined = joinHandler(code, handler);
    if (joined !== undefined) inFolder.add(joined.replace(/^\.\//, ''));
    if (typeof code === 'string' && joined !== handler) written.add(handler.replace(/^\.\//, ''));
  }
  return { inFolder: [...inFolder], written: [...written] };
}

/**
 * The handler strings of a serverless configuration's functions, relative to its service folder.
 * @example
 * serverlessFunctionHandlers({ functions: { f: { handler: 'src/f.main' } } }) // ['src/f.main']
 */
export function serverlessFunctionHandlers(config: Record<string, Json>): string[] {
  const out: string[] = [];
  for (const f of Object.values(obj(config.functions) ?? {})) {
    const handler = obj(f)?.handler;
    if (typeof handler === 'string') out.push(handler.replace(/^\.\//, ''));
  }
  return out;
}
