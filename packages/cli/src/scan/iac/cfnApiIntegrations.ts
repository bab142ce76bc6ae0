// The functions a template's API integrations run, with how long each integration waits: an
// AWS::ApiGateway::Method's `Integration.Uri`, an AWS::ApiGatewayV2::Integration's `IntegrationUri`, and the
// `x-amazon-apigateway-integration` entries of an OpenAPI definition kept in the API resource itself (SAM's
// `DefinitionBody` of an AWS::Serverless::Api or HttpApi, CloudFormation's `Body` of a RestApi or an
// ApiGatewayV2::Api). A function routed only through such a definition has no `Events` of its own: the
// definition's `uri` (`Fn::Sub: ...${OrdersFunction.Arn}/invocations`) is the one link to it.
import { statSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { insideRoot } from '../insideRoot.js';
import { readText } from '../textFile.js';
import { type Json, num, obj } from './IacResult.js';
import type { TemplateResource } from './queueUse.js';
import { loadYaml, refsIn } from './yamlDocument.js';

const REST_MS = 29_000;

/** The largest included definition read: the scan's own default cap on a source file (config.ts maxFileBytes). */
const MAX_INCLUDE_BYTES = 1_000_000;
const HTTP_MS = 30_000;

/** The resources holding an OpenAPI definition, its key, and the integration wait their kind of API has. */
const DEFINITIONS: ReadonlyMap<string, { readonly key: string; readonly limitMs: number }> = new Map([
  ['AWS::Serverless::Api', { key: 'DefinitionBody', limitMs: REST_MS }],
  ['AWS::ApiGateway::RestApi', { key: 'Body', limitMs: REST_MS }],
  ['AWS::Serverless::HttpApi', { key: 'DefinitionBody', limitMs: HTTP_MS }],
  ['AWS::ApiGatewayV2::Api', { key: 'Body', limitMs: HTTP_MS }],
]);

/** One integration that runs a function of the template. */
export interface IntegrationRoute {
  readonly fnId: string;
  /** Milliseconds the integration waits: its own `TimeoutInMillis`/`timeoutInMillis`, else its API's ceiling. */
  readonly limitMs: number;
}

/** Every `x-amazon-apigateway-integration` object of an OpenAPI definition (paths, methods, `x-` extensions). */
function openApiIntegrations(
  value: Json | undefined,
  out: Record<string, Json>[] = [],
  depth = 0,
): Record<string, Json>[] {
  if (depth > 12) return out;
  if (Array.isArray(value)) for (const v of value) openApiIntegrations(v, out, depth + 1);
  const o = obj(value);
  if (o === undefined) return out;
  for (const [key, v] of Object.entries(o)) {
    const integration = key === 'x-amazon-apigateway-integration' ? obj(v) : undefined;
    if (integration !== undefined) out.push(integration);
    else openApiIntegrations(v, out, depth + 1);
  }
  return out;
}

/**
 * The functions of the template an API resource's integrations run; none for a resource that is no API
 * integration or definition, and none for an integration whose URI names no function of the template.
 * @example
 * integrationRoutes(api, byId) // [{ fnId: 'OrdersFunction', limitMs: 29000 }] for a DefinitionBody uri naming it
 */
export function integrationRoutes(
  r: TemplateResource,
  byId: ReadonlyMap<string, TemplateResource>,
): IntegrationRoute[] {
  const functionIn = (uri: Json | undefined) =>
    [...refsIn(uri)].find((id) => byId.get(id)?.type.endsWith('Function') === true);
  if (r.type === 'AWS::ApiGateway::Method' || r.type === 'AWS::ApiGatewayV2::Integration') {
    const integration = r.type === 'AWS::ApiGateway::Method' ? (obj(r.props.Integration) ?? {}) : r.props;
    const fnId = functionIn(integration.IntegrationUri ?? integration.Uri);
    const ceiling = r.type === 'AWS::ApiGatewayV2::Integration' ? HTTP_MS : REST_MS;
    return fnId === undefined ? [] : [{ fnId, limitMs: num(integration.TimeoutInMillis) ?? ceiling }];
  }
  const definition = DEFINITIONS.get(r.type);
  if (definition === undefined) return [];
  const out: IntegrationRoute[] = [];
  for (const integration of openApiIntegrations(r.props[definition.key])) {
    const fnId = functionIn(integration.uri);
    if (fnId !== undefined)
      out.push({ fnId, limitMs: num(integration.timeoutInMillis) ?? definition.limitMs });
  }
  return out;
}

/**
 * Reads into the template each API definition it brings in from a local file with AWS::Include
 * (`DefinitionBody: { 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: ./openapi.yaml } } }`),
 * as CloudFormation does before deploying; an S3 location, or a file that is missing or does not parse,
 * stays as written. The location is the repository's text, so it is read only when it is a regular file
 * inside the scan root and no larger than a source file the scan reads: `Location: /dev/zero` never ends a
 * read, `../../secrets.yaml` is not the scan's to open (insideRoot.ts).
 * @example
 * includeDefinitions(template, '/repo/deploy/template.yaml', '/repo') // DefinitionBody replaced by deploy/openapi.yaml's content
 */
export function includeDefinitions(template: Record<string, Json>, file: string, root?: string): void {
  for (const resource of Object.values(obj(template.Resources) ?? {})) {
    const definition = DEFINITIONS.get(`${obj(resource)?.Type ?? ''}`);
    const props = obj(obj(resource)?.Properties);
    const transform = obj(obj(props?.[definition?.key ?? ''])?.['Fn::Transform']);
    const location = obj(transform?.Parameters)?.Location;
    if (props === undefined || definition === undefined || transform?.Name !== 'AWS::Include') continue;
    if (typeof location !== 'string' || /^[a-z0-9]+:\/\//i.test(location)) continue;
    const path = isAbsolute(location) ? location : join(dirname(file), location);
    const text = readableInclude(path, root) ? readText(path) : undefined;
    const loaded = text === undefined ? undefined : loadedInclude(text);
    if (loaded !== undefined) props[definition.key] = loaded;
  }
}

/**
 * The included file's document when it is an object that is a plain tree: the YAML library throws on an alias
 * bomb, and aliases of an ancestor build a cycle that every later walk of the template would follow for ever.
 * Either leaves the definition as written, where it used to cost the including template all its findings.
 */
function loadedInclude(text: string): Json | undefined {
  let loaded: ReturnType<typeof loadYaml>;
  try {
    loaded = loadYaml(text);
  } catch {
    return undefined;
  }
  if (!('value' in loaded) || obj(loaded.value) === undefined) return undefined;
  return plainTree(loaded.value, new Set(), new WeakSet(), 0) ? (loaded.value as Json) : undefined;
}

/**
 * No node is its own ancestor and the nesting stays under 200 (no real API definition comes near); a node an
 * alias shares is walked once (`checked`), so sharing cannot make the walk exponential.
 */
function plainTree(value: unknown, above: Set<object>, checked: WeakSet<object>, depth: number): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (above.has(value) || depth > 200) return false;
  if (checked.has(value)) return true;
  above.add(value);
  const ok = Object.values(value).every((v) => plainTree(v, above, checked, depth + 1));
  above.delete(value);
  if (ok) checked.add(value);
  return ok;
}

/** A regular file inside the scan root, of a source file's size at most (see includeDefinitions). */
function readableInclude(path: string, root: string | undefined): boolean {
  if (!insideRoot(root, path)) return false;
  try {
    const stat = statSync(path);
    return stat.isFile() && stat.size <= MAX_INCLUDE_BYTES;
  } catch {
    return false;
  }
}
