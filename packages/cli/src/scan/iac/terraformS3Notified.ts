// An S3 invoke permission is not an invoker: S3 invokes a function only when the bucket's notification
// configuration names it. Terraform's `aws_s3_bucket_notification` is the bucket's one notification
// configuration (its docs: a bucket supports a single one; a second resource overwrites the first), so when
// the folder holds that resource for the bucket a permission names and it targets other functions only,
// the permission (`aws_lambda_permission` with principal s3, a registry module's `allowed_triggers`) is
// left over and invokes nothing.
import type { HclBlock } from './hcl.js';
import { isLambdaModule, mapEntries } from './terraformLambdaModules.js';

/** The S3 facts of one .tf file, joined per folder. */
export interface TerraformS3Facts {
  /** Each bucket notification: the bucket it configures and the functions it invokes. */
  readonly notified: readonly { readonly bucket: string; readonly fns: readonly string[] }[];
  /** Each S3 invoke permission with the bucket its `source_arn` names. */
  readonly permitted: readonly { readonly fn: string; readonly bucket: string }[];
}

// `aws_s3_bucket.b.arn` / `.id` / `.bucket`, `module.b.bucket_arn` / `.s3_bucket_id`: the bucket's root name.
const BUCKET_REF = /\b(aws_s3_bucket\.[\w-]+|module\.[\w-]+)\./;
const FUNCTION_REF = /\b(aws_lambda_function\.[\w-]+|module\.[\w-]+)\./;
const S3_PRINCIPAL = /\bs3\.(?:[\w${}.-]+\.)?amazonaws\.com/;

/** Reads a file's bucket notifications and S3 invoke permissions. */
export function terraformS3Facts(blocks: readonly HclBlock[]): TerraformS3Facts {
  const notified: { bucket: string; fns: string[] }[] = [];
  const permitted: { fn: string; bucket: string }[] = [];
  for (const b of blocks) {
    if (b.type !== 'resource' && b.type !== 'module') continue;
    if (b.labels[0] === 'aws_s3_bucket_notification') {
      const bucket = BUCKET_REF.exec(b.attrs.get('bucket')?.raw ?? '')?.[1];
      const fns = b.blocks
        .filter((x) => x.type === 'lambda_function')
        .flatMap((x) => FUNCTION_REF.exec(x.attrs.get('lambda_function_arn')?.raw ?? '')?.[1] ?? []);
      if (bucket !== undefined) notified.push({ bucket, fns });
    } else if (b.labels[0] === 'aws_lambda_permission') {
      const fn = FUNCTION_REF.exec(`${b.attrs.get('function_name')?.raw ?? ''}.`)?.[1];
      const bucket = BUCKET_REF.exec(b.attrs.get('source_arn')?.raw ?? '')?.[1];
      if (fn !== undefined && bucket !== undefined && S3_PRINCIPAL.test(b.attrs.get('principal')?.raw ?? ''))
        permitted.push({ fn, bucket });
    } else if (b.type === 'module' && isLambdaModule(b)) {
      for (const { block } of mapEntries(b.attrs.get('allowed_triggers'))) {
        const who = `${block.attrs.get('principal')?.raw ?? ''} ${block.attrs.get('service')?.raw ?? ''}`;
        const bucket = BUCKET_REF.exec(block.attrs.get('source_arn')?.raw ?? '')?.[1];
        if (/\bs3\b/.test(who) && bucket !== undefined)
          permitted.push({ fn: `module.${b.labels[0]}`, bucket });
      }
    }
  }
  return { notified, permitted };
}

/**
 * Every S3 permission of `fn` in the folder names a bucket whose notification, also in the folder, invokes
 * other functions only: S3 never invokes `fn`, so its S3 permissions are no invokers.
 * @example
 * s3PermissionsUnused([{ notified: [{ bucket: 'module.data', fns: ['module.a'] }], permitted: [{ fn: 'module.b', bucket: 'module.data' }] }], 'module.b') // true
 */
export function s3PermissionsUnused(facts: readonly TerraformS3Facts[], fn: string): boolean {
  const mine = facts.flatMap((f) => f.permitted).filter((p) => p.fn === fn);
  if (mine.length === 0) return false;
  const notified = facts.flatMap((f) => f.notified);
  return mine.every((p) => {
    const of = notified.filter((n) => n.bucket === p.bucket);
    return of.length > 0 && of.every((n) => !n.fns.includes(fn));
  });
}
