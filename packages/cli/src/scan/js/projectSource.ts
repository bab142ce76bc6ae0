// Which import sources may name the project's own code (relative paths, workspace packages, path aliases).
/** Scopes of public packages, never one of the project's own workspace packages. */
const PUBLIC_SCOPE =
  /^@(aws-sdk|smithy|aws-lambda-powertools|aws-cdk|aws-crypto|types|middy|opentelemetry|serverless-stack)\//;

/**
 * Could an import source be the project's own code: a relative path, or a scoped package that may be a
 * workspace (`@acme/common`)? The AWS SDK's and other public scopes are not.
 *
 * @example
 * isProjectSource('./db') // true; isProjectSource('@aws-sdk/client-s3') // false
 */
export function isProjectSource(source: string): boolean {
  return (
    source.startsWith('.') || source.startsWith('/') || (source.startsWith('@') && !PUBLIC_SCOPE.test(source))
  );
}

/**
 * isProjectSource, or a bare path a tsconfig path alias may name (`src/shared`): for the cross-module
 * passes whose candidates the project pass settles, since it resolves only scanned modules.
 *
 * @example
 * mayBeProjectSource('src/shared') // true; mayBeProjectSource('node:fs') // false
 */
export function mayBeProjectSource(source: string): boolean {
  return (
    isProjectSource(source) ||
    (!source.startsWith('node:') && !source.startsWith('@') && source.includes('/'))
  );
}
