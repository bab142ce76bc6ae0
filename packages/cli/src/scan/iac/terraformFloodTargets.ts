// iac-no-reserved-concurrency in Terraform, as floodTargets.ts does for SAM: an SQS consumer whose
// permissions reach only services that absorb any request rate (an on-demand DynamoDB table, a queue, a
// topic, a bus, a parameter or secret read, a Step Functions or durable-execution callback) has nothing
// behind it for a backlog to flood. The permissions are read across the folder's files: a function's
// role attachments (`aws_iam_role_policy_attachment`, `aws_iam_role_policy`), or the policy ARNs handed to
// a function module (`policy_arns = [aws_iam_policy.p.arn]`), each an `aws_iam_policy_document` or a
// `jsonencode` policy. Anything unread (a managed policy other than the basic ones, a wildcard, an
// environment from a variable or naming an endpoint) keeps the finding.

import { ABSORBING_ACTION, BASIC_MANAGED, namesEndpoint } from './floodTargets.js';
import type { HclBlock } from './hcl.js';
import { type LocalModuleCall, localModuleCalls } from './terraformModuleInputs.js';

/** What one .tf file says about functions' permissions. */
export interface TerraformIamFacts {
  /** Policy documents and policies by name: the actions they allow and the text of their resources. */
  readonly statements: readonly {
    readonly name: string;
    readonly actions: string[];
    readonly resources: string;
  }[];
  /** Which policies (`aws_iam_policy.p`, `data.aws_iam_policy_document.d`, a managed ARN) each role or function module gets. */
  readonly grants: readonly { readonly holder: string; readonly policy: string }[];
  /** A function's role (`aws_lambda_function.f` -> `aws_iam_role.r`), and its environment's names (undefined: unread). */
  readonly functions: readonly {
    readonly fn: string;
    readonly role?: string | undefined;
    readonly env?: string[] | undefined;
  }[];
  readonly onDemandTables: readonly string[];
  /** Local modules this file calls and what it hands them (terraformModuleInputs.ts). */
  readonly localModules: readonly LocalModuleCall[];
}

/** Some Describe/Get calls a consumer makes on its own queue or bus: no load for a backlog to add. */
const OWN_RESOURCE_ACTION =
  /^(sqs:(ReceiveMessage|DeleteMessage|GetQueueAttributes|ChangeMessageVisibility)|events:DescribeEventBus|lambda:SendDurableExecutionCallback\w*)$/;
const ACTION = /"([a-z0-9-]+:[A-Za-z*]+)"/g;
const POLICY_REF = /\b(aws_iam_policy\.[\w-]+|data\.aws_iam_policy_document\.[\w-]+)\b/g;
const ROLE_REF = /\baws_iam_role\.([\w-]+)\b/;

/** Top-level comma-separated parts of `text` (commas inside braces, brackets or parentheses stay). */
function topLevelParts(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{' || c === '[' || c === '(') depth++;
    else if (c === '}' || c === ']' || c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/**
 * The keys of a map literal, or of Terraform's `merge({...}, {...})` of map literals; undefined when any
 * part is not a literal (a variable, a local): its keys are unread.
 */
function mapKeys(raw: string | undefined): string[] | undefined {
  if (raw === undefined) return [];
  const merged = /^merge\(([\s\S]*)\)$/.exec(raw.trim())?.[1];
  if (merged !== undefined) {
    const keys = topLevelParts(merged).map((part) => mapKeys(part));
    return keys.every((k) => k !== undefined) ? keys.flat() : undefined;
  }
  const body = /^\{([\s\S]*)\}$/.exec(raw.trim())?.[1];
  if (body === undefined) return undefined;
  return [...body.matchAll(/^\s*"?([\w-]+)"?\s*[=:]/gm)].map((m) => m[1] as string);
}

/** The IAM facts of one parsed .tf file. */
export function terraformIamFacts(blocks: readonly HclBlock[]): TerraformIamFacts {
  const statements: { name: string; actions: string[]; resources: string }[] = [];
  const grants: { holder: string; policy: string }[] = [];
  const functions: { fn: string; role?: string | undefined; env?: string[] | undefined }[] = [];
  const onDemandTables: string[] = [];
  for (const b of blocks) {
    const [kind, label] = b.labels;
    if (b.type === 'data' && kind === 'aws_iam_policy_document') {
      for (const s of b.blocks.filter((x) => x.type === 'statement'))
        statements.push({
          name: `data.aws_iam_policy_document.${label}`,
          actions: [...(s.attrs.get('actions')?.raw ?? '').matchAll(ACTION)].map((m) => m[1] as string),
          resources: s.attrs.get('resources')?.raw ?? '*',
        });
      continue;
    }
    if (b.type === 'module') {
      // `env = var.env` names a stage; the function's environment is a map under a longer name.
      const env = [...b.attrs].find(([k]) => /environment|env_?var/i.test(k))?.[1].raw;
      const role = [...b.attrs.values()].map((a) => ROLE_REF.exec(a.raw)?.[1]).find((r) => r !== undefined);
      functions.push({ fn: `module.${kind}`, env: mapKeys(env), ...(role !== undefined ? { role } : {}) });
      for (const [, attr] of b.attrs)
        for (const m of attr.raw.matchAll(/\baws_iam_policy\.([\w-]+)\.arn/g))
          grants.push({ holder: `module.${kind}`, policy: `aws_iam_policy.${m[1]}` });
      continue;
    }
    if (b.type !== 'resource') continue;
    const policyRaw = b.attrs.get('policy')?.raw;
    if (kind === 'aws_iam_policy' && policyRaw !== undefined) {
      const doc = /data\.aws_iam_policy_document\.[\w-]+/.exec(policyRaw)?.[0];
      if (doc !== undefined) grants.push({ holder: `aws_iam_policy.${label}`, policy: doc });
      else
        statements.push({
          name: `aws_iam_policy.${label}`,
          actions: [...policyRaw.matchAll(ACTION)].map((m) => m[1] as string),
          resources: policyRaw,
        });
    } else if (kind === 'aws_iam_role_policy_attachment' || kind === 'aws_iam_role_policy') {
      const role = ROLE_REF.exec(b.attrs.get('role')?.raw ?? '')?.[1];
      if (role === undefined) continue;
      const raw = b.attrs.get('policy_arn')?.raw ?? policyRaw ?? '';
      const refs = [...raw.matchAll(POLICY_REF)].map((m) => m[1] as string);
      if (refs.length > 0) for (const policy of refs) grants.push({ holder: `aws_iam_role.${role}`, policy });
      else if (kind === 'aws_iam_role_policy' && /jsonencode/.test(raw)) {
        statements.push({
          name: `aws_iam_role_policy.${label}`,
          actions: [...raw.matchAll(ACTION)].map((m) => m[1] as string),
          resources: raw,
        });
        grants.push({ holder: `aws_iam_role.${role}`, policy: `aws_iam_role_policy.${label}` });
      } else grants.push({ holder: `aws_iam_role.${role}`, policy: raw });
    } else if (kind === 'aws_lambda_function') {
      const envBlock = b.blocks.find((x) => x.type === 'environment');
      functions.push({
        fn: `aws_lambda_function.${label}`,
        role: ROLE_REF.exec(b.attrs.get('role')?.raw ?? '')?.[1],
        env: envBlock === undefined ? [] : mapKeys(envBlock.attrs.get('variables')?.raw),
      });
    } else if (
      kind === 'aws_dynamodb_table' &&
      /"PAY_PER_REQUEST"/.test(b.attrs.get('billing_mode')?.raw ?? '')
    )
      onDemandTables.push(label as string);
  }
  return { statements, grants, functions, onDemandTables, localModules: localModuleCalls(blocks) };
}

/**
 * True when everything the folder lets `fn` reach absorbs a backlog's request rate.
 * @example
 * nothingToFloodInTerraform(folderFacts, 'module.handle_user_created') // its policies: an on-demand table, its queue -> true
 */
export function nothingToFloodInTerraform(
  facts: readonly TerraformIamFacts[],
  fn: string,
  onDemandInput: (variable: string) => boolean = () => false,
): boolean {
  const function_ = facts.flatMap((f) => f.functions).find((f) => f.fn === fn);
  if (function_?.env === undefined) return false;
  if (function_.env.some((name) => namesEndpoint(name))) return false;
  const holder = function_.role !== undefined ? `aws_iam_role.${function_.role}` : fn;
  const grants = facts.flatMap((f) => f.grants);
  const statements = facts.flatMap((f) => f.statements);
  const onDemand = new Set(facts.flatMap((f) => f.onDemandTables));
  const policies = grants.filter((g) => g.holder === holder).map((g) => g.policy);
  if (policies.length === 0) return false;
  const absorbing = (policy: string, depth = 0): boolean => {
    if (BASIC_MANAGED.test(policy.split('/').pop()?.replace(/"$/, '') ?? '')) return true;
    const own = statements.filter((s) => s.name === policy);
    const via = grants.filter((g) => g.holder === policy).map((g) => g.policy);
    if (own.length === 0 && via.length === 0) return false;
    return (
      own.every((s) => {
        if (s.actions.length === 0) return false;
        if (!s.actions.every((a) => ABSORBING_ACTION.test(a) || OWN_RESOURCE_ACTION.test(a))) return false;
        if (!s.actions.some((a) => a.startsWith('dynamodb:'))) return true;
        const tables = [...s.resources.matchAll(/\baws_dynamodb_table\.([\w-]+)/g)].map(
          (m) => m[1] as string,
        );
        // A module's table comes in through a variable: its callers say which table (terraformModuleInputs.ts).
        const inputs = [...s.resources.matchAll(/\bvar\.([\w-]+)/g)].map((m) => m[1] as string);
        return (
          tables.length + inputs.length > 0 &&
          tables.every((t) => onDemand.has(t)) &&
          inputs.every((v) => onDemandInput(v))
        );
      }) && (depth < 2 ? via.every((p) => absorbing(p, depth + 1)) : via.length === 0)
    );
  };
  return policies.every((p) => absorbing(p));
}
