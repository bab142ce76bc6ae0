// An adapter reached through an interface its port extends: `GoogleProvider implements RouteProvider`, and
// `RouteProvider extends MapProvider`; the description service is handed a `MapProvider` and calls
// `getCityName`. Its request is on the route's path, and a job-only path stays excused.
import { describe, expect, it } from 'vitest';
import { interfaceAncestors } from './interfaceAncestors.js';
import { scan } from './scan.js';
import { tempTrees } from './testing/tempTrees.js';

const tree = tempTrees('bulwark-ancestors-');

describe('interfaceAncestors', () => {
  it('follows extends through imports, aliases and type arguments, each interface once', () => {
    // Prepare
    const texts: Record<string, string> = {
      '/d/route.ts':
        "import { MapProvider as Maps } from './map';\nimport type { Named } from './named';\nexport interface RouteProvider<T extends object = {}> extends Maps, Partial<Record<string, T>>, Named {\n  snap(): void;\n}\n",
      '/d/map.ts':
        "import { Named } from './named';\nexport interface MapProvider extends Named {\n  getCityName(): Promise<string>;\n}\n",
      '/d/named.ts': 'export interface Named {\n  name: string;\n}\n',
    };
    const resolve = (_: string, source: string) => `/d/${source.slice(2)}.ts`;

    // Act
    const found = interfaceAncestors(
      [{ file: '/d/route.ts', name: 'RouteProvider' }],
      (f) => texts[f],
      resolve,
    );

    // Assess
    expect(found).toEqual([
      { file: '/d/route.ts', name: 'RouteProvider' },
      { file: '/d/map.ts', name: 'MapProvider' },
      { file: '/d/named.ts', name: 'Named' },
    ]);
  });

  it('reads past an arrow in a type parameter default (`=>` opens and closes nothing)', () => {
    // Prepare
    const texts: Record<string, string> = {
      '/d/route.ts':
        "import { MapProvider } from './map';\nexport interface RouteProvider<F = () => void> extends MapProvider {\n  snap(f: F): void;\n}\n",
      '/d/map.ts': 'export interface MapProvider {\n  getCityName(): Promise<string>;\n}\n',
    };

    // Act
    const found = interfaceAncestors(
      [{ file: '/d/route.ts', name: 'RouteProvider' }],
      (f) => texts[f],
      (_, source) => `/d/${source.slice(2)}.ts`,
    );

    // Assess
    expect(found.map((i) => i.name)).toEqual(['RouteProvider', 'MapProvider']);
  });
});

/** The adapter, its ports, a service typed by the parent port, and a handler (`handler`) that hands it the adapter. */
function ports(handler: string): string {
  return tree({
    'package.json':
      '{ "name": "routes", "private": true, "devDependencies": { "@types/aws-lambda": "^8.10.0" } }\n',
    'src/domain/map-provider.ts':
      'export interface MapProvider {\n  getCityName(lat: number, lng: number): Promise<string>;\n}\n',
    'src/domain/route-provider.ts':
      "import { MapProvider } from './map-provider';\nexport interface RouteProvider extends MapProvider {\n  snapToRoad(lat: number, lng: number): Promise<number[]>;\n}\n",
    'src/infra/google.ts': [
      "import { RouteProvider } from '../domain/route-provider';",
      'export class GoogleProvider implements RouteProvider {',
      '  async getCityName(lat: number, lng: number): Promise<string> {',
      "    const res = await fetch('https://maps.example.com/geocode?latlng=' + lat + ',' + lng, { signal: AbortSignal.timeout(3000) });",
      "    if (!res.ok) throw new Error('geocode failed');",
      '    const data = (await res.json()) as { city: string };',
      '    return data.city;',
      '  }',
      '  async snapToRoad(lat: number, lng: number): Promise<number[]> {',
      '    return [lat, lng];',
      '  }',
      '}',
      '',
    ].join('\n'),
    'src/app/describe.ts': [
      "import type { MapProvider } from '../domain/map-provider';",
      'export async function describeRoute(lat: number, lng: number, maps: MapProvider): Promise<string> {',
      '  const city = await maps.getCityName(lat, lng);',
      "  return 'A walk in ' + city;",
      '}',
      '',
    ].join('\n'),
    'src/handler.ts': handler,
  });
}

async function noRetry(root: string): Promise<number[]> {
  const result = await scan({ root, workers: 0 });
  return result.findings
    .filter((f) => f.rule === 'no-retry' && f.file === 'src/infra/google.ts')
    .map((f) => f.line);
}

describe('a method called through the interface its class implements inherits from', () => {
  it('keeps the no-retry of a request a routed handler reaches through the parent port', async () => {
    // Prepare
    const root = ports(
      [
        "import type { APIGatewayProxyEvent } from 'aws-lambda';",
        "import { describeRoute } from './app/describe';",
        "import { GoogleProvider } from './infra/google';",
        'export const handler = async (event: APIGatewayProxyEvent) => {',
        "  const { lat, lng } = JSON.parse(event.body ?? '{}');",
        '  const text = await describeRoute(lat, lng, new GoogleProvider());',
        '  return { statusCode: 200, body: text };',
        '};',
        '',
      ].join('\n'),
    );

    // Act
    const lines = await noRetry(root);

    // Assess
    expect(lines).toEqual([4]);
  });

  it('excuses it when only a scheduled job that selects its own work reaches it (trap)', async () => {
    // Prepare
    const root = ports(
      [
        "import { describeRoute } from './app/describe';",
        "import { GoogleProvider } from './infra/google';",
        "import { routesWithoutText, saveText } from './store';",
        'export const handler = async () => {',
        '  for (const route of await routesWithoutText()) {',
        '    await saveText(route.id, await describeRoute(route.lat, route.lng, new GoogleProvider()));',
        '  }',
        '};',
        '',
      ].join('\n'),
    );

    // Act
    const lines = await noRetry(root);

    // Assess
    expect(lines).toEqual([]);
  });
});
