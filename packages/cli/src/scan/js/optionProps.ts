// SDK client options a module hands out as a property of an exported config object: `export const
// appConfig = buildConfig()` whose `awsConfig` other modules pass to `new S3Client(appConfig.awsConfig)`
// or destructure (`const { awsConfig } = appConfig`). Read per property, for the project pass.
import { type Node, propertyName } from './ast.js';
import type { OptionsFact } from './Candidate.js';
import type { ModuleContext } from './ModuleContext.js';
import { returnedValues } from './returnedValues.js';
import { optionsShape, TIMEOUT_KEYS } from './sdkOptions.js';

/** Modules that build SDK options name at least one of these keys (cheap text gate before any walk). */
const OPTIONS_WORDS = /\b(?:region|credentials|endpoint)\b/;
const READABLE = new Set(['ObjectExpression', 'ConditionalExpression', 'LogicalExpression']);

/** The object literals an export is: itself, or every value a module-local builder it calls returns. */
function configObjects(ctx: ModuleContext, v: Node): Node[] | undefined {
  if (v.type === 'ObjectExpression') return [v];
  if (v.type !== 'CallExpression') return undefined;
  const fn = ctx.functionOf(v.callee as Node);
  const values = fn === undefined ? undefined : returnedValues(fn);
  if (values === undefined) return undefined;
  const objects = values.map((r) => ctx.valueOf(r));
  return objects.every((o) => o?.type === 'ObjectExpression') ? (objects as Node[]) : undefined;
}

/**
 * Per property holding an options-like value: whether it may set a timeout or is partly out of sight,
 * merged over every object the builder returns (a property left `undefined` on one branch adds nothing).
 * Undefined when there is no such object, or one spreads another (a spread may set any key).
 *
 * @example
 * optionPropsOf(ctx, buildAwsConfig_call) // { awsConfig: { timeout: false, unknown: false } }
 */
export function optionPropsOf(ctx: ModuleContext, v: Node): Record<string, OptionsFact> | undefined {
  if (!OPTIONS_WORDS.test(ctx.source)) return undefined;
  const objects = configObjects(ctx, v);
  if (objects === undefined) return undefined;
  const out: Record<string, { timeout: boolean; unknown: boolean }> = {};
  const unseen = new Set<string>(); // held something this module cannot read on some branch
  for (const obj of objects)
    for (const p of obj.properties as Node[]) {
      if (p.type === 'SpreadElement') return undefined;
      const key = propertyName(p.key as Node, p.computed as boolean);
      const value = ctx.valueOf((p.shorthand ? p.key : p.value) as Node);
      if (key === undefined || value === undefined) continue;
      if (value.type === 'Literal' || (value.type === 'Identifier' && value.name === 'undefined')) continue;
      if (!READABLE.has(value.type)) {
        unseen.add(key);
        continue;
      }
      const shape = optionsShape(ctx, value, 1);
      const timeout = shape.deferred.length > 0 || TIMEOUT_KEYS.some((k) => shape.props.has(k));
      out[key] = {
        timeout: timeout || out[key]?.timeout === true,
        unknown: shape.unknown || out[key]?.unknown === true,
      };
    }
  for (const key of unseen) if (out[key] !== undefined) out[key] = { ...out[key], unknown: true };
  return Object.keys(out).length > 0 ? out : undefined;
}
