// graphql-request requests through a client a class keeps in a field: judged by the one value the class
// gives the field, as a local holding it would be.
import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/parsed.js';
import { untimedGraphqlRequests } from './graphqlRequestClients.js';

/** The lines untimedGraphqlRequests reports in `body`, after the import line. */
function reported(body: string): number[] {
  const source = `import { GraphQLClient } from 'graphql-request';\n${body}`;
  const lines: number[] = [];
  untimedGraphqlRequests(contextOf(source), (_rule, node) => {
    lines.push(source.slice(0, node.start).split('\n').length);
  });
  return lines;
}

describe('untimedGraphqlRequests on a class field', () => {
  it('reports a request through a field the constructor builds without a signal', () => {
    // Arrange
    const body =
      'class Cms {\n  constructor() { this.client = new GraphQLClient(url); }\n  get(q) { return this.client.request(q); }\n}';

    // Act
    const lines = reported(body);

    // Assess
    expect(lines).toEqual([4]);
  });

  it.each([
    [
      'a field given a signal',
      'class Cms {\n  client = new GraphQLClient(url, { signal });\n  get(q) { return this.client.request(q); }\n}',
    ],
    [
      'a field handed in',
      'class Cms {\n  constructor(private client: GraphQLClient) {}\n  get(q) { return this.client.request(q); }\n}',
    ],
    [
      'a field assigned twice',
      'class Cms {\n  constructor() { this.client = new GraphQLClient(url); }\n  use(c) { this.client = c; }\n  get(q) { return this.client.request(q); }\n}',
    ],
  ])('stays silent on %s', (_name, body) => {
    expect(reported(body)).toEqual([]);
  });
});
