// CloudFormation split into stacks: a dead-letter queue built in one template is often watched by an
// alarm in another (a stack of alarms), reached through the first stack's exported ARN or name
// (`Outputs: X: { Value: !GetAtt Dlq.Arn, Export: { Name: !Sub '${StackName}-DlqArn' } }` on one side,
// `!ImportValue { 'Fn::Sub': '${StackName}-DlqArn' }` inside an AWS::CloudWatch::Alarm on the other).
// Each template records what it exports and what its alarms import; the project pass joins them. A name
// published as an SSM parameter is the same link (`AWS::SSM::Parameter` `Name: !Sub '/${AWS::StackName}/
// SQS/Dlq/Name'`, `Value: !GetAtt Dlq.QueueName` on one side; a template parameter of type
// `AWS::SSM::Parameter::Value<String>` with that path as its default, or `{{resolve:ssm:/path}}`, in the
// alarm on the other), its path compared segment by segment, a substituted segment matching any.
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

/**
 * Export names of this template's outputs, and paths of its SSM parameters, by the logical id each
 * output's or parameter's value refers to.
 */
export function exportsByResource(template: Record<string, Json>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (name: string | undefined, value: Json) => {
    if (name !== undefined) for (const id of refsIn(value)) out.set(id, [...(out.get(id) ?? []), name]);
  };
  for (const output of Object.values(obj(template.Outputs) ?? {}))
    add(exportName(obj(obj(output)?.Export)?.Name), obj(output)?.Value);
  for (const r of Object.values(obj(template.Resources) ?? {}))
    if (obj(r)?.Type === 'AWS::SSM::Parameter') {
      const props = obj(obj(r)?.Properties);
      add(exportName(props?.Name), props?.Value);
    }
  return out;
}

/**
 * SSM parameter paths an alarm reads: `{{resolve:ssm:/path}}` in its properties, and the default of each
 * template parameter of type `AWS::SSM::Parameter::Value<...>` it refers to.
 * @example
 * ssmImports(alarmProps, template) // ['/ais-main/SQS/Dlq/Name']
 */
export function ssmImports(value: Json, template: Record<string, Json>): string[] {
  const out = [...JSON.stringify(value ?? '').matchAll(/\{\{resolve:ssm:([^}:]+)/g)].map(
    (m) => m[1] as string,
  );
  const parameters = obj(template.Parameters) ?? {};
  for (const id of refsIn(value)) {
    const p = obj(parameters[id]);
    if (typeof p?.Type === 'string' && p.Type.startsWith('AWS::SSM::Parameter::Value<')) {
      const path = exportName(p.Default);
      if (path !== undefined) out.push(path);
    }
  }
  return out;
}

/** Do an exported name and an imported one name the same thing? SSM paths match segment by segment. */
function sameName(exported: string, imported: string): boolean {
  if (exported === imported) return true;
  if (!exported.startsWith('/') || !imported.startsWith('/')) return false;
  const a = exported.split('/');
  const b = imported.split('/');
  return (
    a.length === b.length && a.every((seg, i) => seg === b[i] || seg.includes('*') || b[i]?.includes('*'))
  );
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
  const paths = [...imported].filter((name) => name.startsWith('/'));
  return (c) =>
    c.exportedDlq?.some(
      (name) => imported.has(name) || (name.startsWith('/') && paths.some((p) => sameName(name, p))),
    ) === true;
}
