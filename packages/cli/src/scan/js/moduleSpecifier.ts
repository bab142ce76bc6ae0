// The module a `require(...)` names. A template literal with no `${}` (`require(`axios`)`, a style some
// projects use for every string) names its module as a quoted string does; one with an expression names
// none we can read, so it stays unknown rather than becoming a made-up `${}/x` specifier.
import { type Node, propertyName, unwrap } from './ast.js';
import { isProjectSource } from './projectSource.js';

/**
 * The text of a string literal or of a template literal without expressions; undefined otherwise.
 * @example
 * specifierValue(parse("`axios`")); // 'axios'
 * specifierValue(parse("`${dir}/x`")); // undefined
 */
export function specifierValue(node: Node | undefined): string | undefined {
  // The same static text a computed key `obj['k']` / `obj[`k`]` has: ast.ts reads both forms already.
  return propertyName(unwrap(node), true) ?? undefined;
}

/** The specifier of `require('m')` (the plain `require` identifier called with one readable name), else undefined. */
export function requiredSpecifier(node: Node | undefined): string | undefined {
  const call = unwrap(node);
  if (call?.type !== 'CallExpression') return undefined;
  const callee = unwrap(call.callee as Node);
  if (callee?.type !== 'Identifier' || callee.name !== 'require') return undefined;
  return specifierValue((call.arguments as Node[])[0]);
}

/**
 * The package a dynamic import whose namespace the code waits for names (`await import('m')`), else
 * undefined: also undefined for a specifier with an expression, and for the project's own modules.
 * @example
 * dynamicImportSpecifier(parse("await import('@aws-sdk/client-sns')")); // '@aws-sdk/client-sns'
 * dynamicImportSpecifier(parse("await import('./report.js')")); // undefined: a project module
 */
export function dynamicImportSpecifier(node: Node | undefined): string | undefined {
  const awaited = unwrap(node);
  if (awaited?.type !== 'AwaitExpression') return undefined;
  const call = unwrap(awaited.argument as Node);
  const source = call?.type === 'ImportExpression' ? specifierValue(call.source as Node) : undefined;
  // A package's names only. A project module (a relative path, a workspace package, a path alias:
  // isProjectSource) is the project's own code: its names are not a package's exports, and the import
  // graph's text pass (deadModules.ts) already follows a module loaded lazily (often to break a cycle).
  return source === undefined || isProjectSource(source) ? undefined : source;
}

/** The AWS SDK v3 client packages, the only ones whose dynamic imports bind names (sdkDynamicImport). */
const SDK_CLIENT_PACKAGE = /^@aws-sdk\/(client-[^/]+|lib-dynamodb)$/;

/**
 * dynamicImportSpecifier when it names an AWS SDK v3 client package (`@aws-sdk/client-*`,
 * `@aws-sdk/lib-dynamodb`), else undefined. Its names are that package's exports, as a static import's
 * are: SDK clients built after a lazy import (`const { SNSClient } = await import('@aws-sdk/client-sns')`)
 * are judged like any other. Other packages' dynamic imports bind nothing (`const https = await
 * import('https')`): the other rules' texts do not describe them.
 * @example
 * sdkDynamicImport(parse("await import('@aws-sdk/client-sns')")); // '@aws-sdk/client-sns'
 * sdkDynamicImport(parse("await import('https')")); // undefined
 */
export function sdkDynamicImport(node: Node | undefined): string | undefined {
  const source = dynamicImportSpecifier(node);
  return source !== undefined && SDK_CLIENT_PACKAGE.test(source) ? source : undefined;
}

/**
 * The SDK client package at the root of a member chain read straight off a dynamic import, as its
 * namespace (`new (await import('@aws-sdk/client-sqs')).SQSClient(config)`); undefined for any other root.
 * @example
 * awaitedImportRoot(parse("(await import('@aws-sdk/client-sqs')).SQSClient")); // { source: '@aws-sdk/client-sqs', imported: '*' }
 */
export function awaitedImportRoot(node: Node | undefined): { source: string; imported: '*' } | undefined {
  let n = unwrap(node);
  while (n?.type === 'MemberExpression') n = unwrap(n.object as Node);
  const source = sdkDynamicImport(n);
  return source === undefined ? undefined : { source, imported: '*' };
}
