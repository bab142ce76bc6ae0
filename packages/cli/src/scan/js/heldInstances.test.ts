// A registry of project instances built at load (`new Map([['rest', new RestCollector()]])`) hands its values
// out through the function that reads it: a handler calling `getCollector(type).collect()` reaches the
// collectors' methods, and their log-only catch is on its path.
import { describe, expect, it } from 'vitest';
import { scan } from '../scan.js';
import { tempTrees } from '../testing/tempTrees.js';
import { analyzeModule } from './analyzeModule.js';

const tree = tempTrees('bulwark-held-');

const COLLECTOR = (name: string) =>
  [
    `export class ${name} {`,
    '  async collect(urls: string[]) {',
    '    const items: unknown[] = [];',
    '    for (const url of urls) {',
    '      try {',
    '        const res = await fetch(url, { signal: AbortSignal.timeout(5000) });',
    "        if (!res.ok) throw new Error('status ' + res.status);",
    '        items.push(await res.json());',
    '      } catch (error) {',
    "        console.error('skipping', url, error);",
    '      }',
    '    }',
    '    return items;',
    '  }',
    '}',
    '',
  ].join('\n');

/** A collector service: the registry module's body is `registry`, the handler picks a collector through it. */
function service(registry: string, handlerCall: string): string {
  return tree({
    'package.json':
      '{ "name": "collector", "private": true, "dependencies": { "@aws-sdk/client-dynamodb": "^3.600.0" } }\n',
    'src/rest.ts': COLLECTOR('RestCollector'),
    'src/rss.ts': COLLECTOR('RssCollector'),
    'src/registry.ts': `import { RestCollector } from './rest';\nimport { RssCollector } from './rss';\n${registry}`,
    'src/handler.ts': [
      "import type { SQSEvent } from 'aws-lambda';",
      "import { getCollector, isSupported } from './registry';",
      "import { save } from './store';",
      'export const handler = async (event: SQSEvent) => {',
      '  for (const record of event.Records) {',
      '    const { type, urls } = JSON.parse(record.body);',
      `    ${handlerCall}`,
      '  }',
      '};',
      '',
    ].join('\n'),
    'src/store.ts': 'export async function save(items: unknown) {\n  return items;\n}\n',
  });
}

const MAP_REGISTRY = [
  'const collectors = new Map<string, RestCollector | RssCollector>([',
  "  ['rest', new RestCollector()],",
  "  ['rss', new RssCollector()],",
  ']);',
  'export function getCollector(type: string) {',
  '  return collectors.get(type);',
  '}',
  'export function isSupported(type: string) {',
  '  return collectors.has(type);',
  '}',
  '',
].join('\n');

async function swallowed(root: string): Promise<string[]> {
  const result = await scan({ root, workers: 0 });
  return result.findings
    .filter((f) => f.rule === 'swallowed-error' && f.file !== 'src/handler.ts')
    .map((f) => `${f.file}:${f.line}`)
    .sort();
}

describe('project instances held in a registry built at load', () => {
  it('reaches every held class from the function handing them out', async () => {
    // Prepare
    const root = service(
      MAP_REGISTRY,
      'if (isSupported(type)) await save(await getCollector(type)?.collect(urls));',
    );

    // Act
    const found = await swallowed(root);

    // Assess
    expect(found).toEqual(['src/rest.ts:9', 'src/rss.ts:9']);
  });

  it('reaches them through a table read by key and called', async () => {
    // Prepare
    const table = [
      'const collectors: Record<string, RestCollector | RssCollector> = { rest: new RestCollector(), rss: new RssCollector() };',
      'export const getCollector = (type: string) => collectors[type];',
      'export const isSupported = (type: string) => type in collectors;',
      '',
    ].join('\n');
    const root = service(table, 'if (isSupported(type)) await save(await getCollector(type).collect(urls));');

    // Act
    const found = await swallowed(root);

    // Assess
    expect(found).toEqual(['src/rest.ts:9', 'src/rss.ts:9']);
  });

  it('does not reach them from a function that only asks whether a key is held (trap)', async () => {
    // Prepare
    const root = service(MAP_REGISTRY, 'if (isSupported(type)) await save(urls);');

    // Act
    const found = await swallowed(root);

    // Assess
    expect(found).toEqual([]);
  });
});

describe('the edges a registry module gives its exports', () => {
  it('gives the held classes to the export handing them out, not to one asking about keys (trap)', () => {
    // Prepare
    const source = `import { RestCollector } from './rest';\nimport { RssCollector } from './rss';\n${MAP_REGISTRY}`;

    // Act
    const facts = analyzeModule('/app/src/registry.ts', source, true);

    // Assess
    const edges = Object.entries(facts.exportCalls ?? {}).map(([name, refs]) => [
      name,
      refs.map((r) => r.name),
    ]);
    expect(edges).toEqual([['getCollector', ['RestCollector', 'RssCollector']]]);
  });

  it('gives nothing to a function naming the value only as a property or a key (trap)', () => {
    // Prepare: `settings.collectors` and `{ collectors: 0 }` name a property, not the module's registry.
    const source = [
      "import { RestCollector } from './rest';",
      "import { RssCollector } from './rss';",
      MAP_REGISTRY,
      'export function countOf(settings: { collectors: string[] }) {',
      '  return { collectors: settings.collectors.length };',
      '}',
      'export class Report {',
      '  collectors = 0;',
      '  total() { return this.collectors; }',
      '}',
      '',
    ].join('\n');

    // Act
    const facts = analyzeModule('/app/src/registry.ts', source, true);

    // Assess
    const edges = Object.keys(facts.exportCalls ?? {});
    expect(edges).toEqual(['getCollector']);
  });

  it('gives nothing to a function asking `type in collectors` of a table (trap)', () => {
    // Prepare
    const source = [
      "import { RestCollector } from './rest';",
      'const collectors = { rest: new RestCollector() };',
      'export const getCollector = (type: string) => collectors[type as keyof typeof collectors];',
      'export const isSupported = (type: string) => type in collectors;',
      '',
    ].join('\n');

    // Act
    const facts = analyzeModule('/app/src/registry.ts', source, true);

    // Assess
    expect(Object.keys(facts.exportCalls ?? {})).toEqual(['getCollector']);
  });
});
