// CloudFormation split into stacks: a dead-letter queue built in one template is often watched by an
// alarm in another (a stack of alarms), reached through the first stack's exported ARN or name
// (`Outputs: X: { Value: !GetAtt Dlq.Arn, Export: { Name: !Sub '${StackName}-DlqArn' } }` on one side,
// `!ImportValue { 'Fn::Sub': '${StackName}-DlqArn' }` inside an AWS::CloudWatch::Alarm on the other).
// Each template records what it exports and what its alarms import; the project pass joins them.
import { type Json, obj } from './IacResult.js';
import { refsIn } from './yamlDocument.js';

/**
 * An export or import name with its substitutions blanked: `${StackName}-DlqArn` -> `*-DlqArn`. Two
 * templates name the same stack through their own parameters, so only the literal parts must agree.
 * @example
 * exportName({ 'Fn::Sub': '${AWS::StackName}-DlqArn' }) // '*-DlqArn'
 */
export function exportName(value: unknown): string | undefined {
  if (typeof value === 'string') return value.replace(/\$\{[^}]*\}/g, '*');
  const v = obj(value);
  if (v === undefined) return undefined;
  const sub = v['Fn::Sub'];
  if (sub !== undefined) return exportName(Array.isArray(sub) ? sub[0] : sub);
  const join = v['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1]))
    return (join[1] as unknown[]).map((part) => (typeof part === 'string' ? part : '*')).join(join[0]);
  return undefined;
}

/** Export names of this template's outputs, by the logical id each output's value refers to. */
export function exportsByResource(template: Record<string, Json>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const output of Object.values(obj(template.Outputs) ?? {})) {
    const name = exportName(obj(obj(output)?.Export)?.Name);
    if (name === undefined) continue;
    for (const id of refsIn(obj(output)?.Value)) out.set(id, [...(out.get(id) ?? []), name]);
  }
  return out;
}

/** Names an alarm imports (`Fn::ImportValue`), anywhere in its properties. */
export function importsIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) importsIn(v, out);
  else {
    const v = obj(value);
    if (v === undefined) return out;
    for (const [k, inner] of Object.entries(v)) {
      const name = k === 'Fn::ImportValue' ? exportName(inner) : undefined;
      if (name !== undefined) out.push(name);
      else importsIn(inner, out);
    }
  }
  return out;
}

/**
 * Whether a DLQ finding is settled by another template: an alarm there imports one of the DLQ's exports.
 * @example
 * const settled = alarmedElsewhere(results); results[0].candidates.filter((c) => !settled(c));
 */
export function alarmedElsewhere(
  results: readonly { readonly alarmImports?: readonly string[] }[],
): (c: { readonly exportedDlq?: readonly string[] }) => boolean {
  const imported = new Set(results.flatMap((r) => r.alarmImports ?? []));
  return (c) => c.exportedDlq?.some((name) => imported.has(name)) === true;
}
