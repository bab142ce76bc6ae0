import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile } from './analyzeFile.js';

describe('binary detection', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-binary-'));
  const outcome = (name: string, content: string | Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return analyzeFile({ path, rel: name, kind: 'code', size: 0 });
  };

  it('skips a file with a NUL byte in its first 8 KiB that is no text, even after multi-byte text', () => {
    // Assess: 3,000 three-byte characters put the NUL at byte 9,000 but character 3,000.
    expect(outcome('early.js', Buffer.from([0x63, 0x00, 0x01])).kind).toBe('problem');
    const wide = Buffer.concat([Buffer.from(`// ${'€'.repeat(2_000)}`), Buffer.from([0x00, 0xff, 0xfe])]);
    expect(outcome('wide.js', wide).kind).toBe('problem');
    expect(outcome('late.js', `// ${'€'.repeat(3_000)}\0\n`).kind).not.toBe('problem');
  });

  it.each([
    ['an ELF header', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00])],
    ['invalid UTF-8 after a NUL', Buffer.from([0x2f, 0x2f, 0x20, 0x00, 0xc3, 0x28, 0x0a])],
    ['UTF-16 text', Buffer.from('export const a = 1;\n', 'utf16le')],
  ])('reports %s in a code file as binary', (_name, bytes) => {
    // Assess
    expect(outcome('blob.ts', bytes)).toMatchObject({ kind: 'problem', problem: 'binary' });
  });

  it('parses a source file whose one raw NUL byte sits in a template literal, and judges it', () => {
    // Prepare: a key separator typed as a raw NUL, the way a DynamoDB single-table client joins pk and sk.
    const source = [
      "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
      'export const client = new DynamoDBClient({});',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the source under test holds a template literal
      'export const key = (pk: string, sk: string) => `${pk}\0${sk}`;',
      '',
    ].join('\n');

    // Act
    const found = outcome('dynamo.ts', source);

    // Assess
    expect(found.kind).toBe('code');
    if (found.kind !== 'code') throw new Error('not code');
    expect(found.facts.candidates.map((c) => c.rule)).toContain('sdk-client-no-timeout');
  });

  it('still skips a YAML file with a NUL byte, whose reader is no code parser', () => {
    // Prepare
    const path = join(dir, 'template.yaml');
    writeFileSync(path, 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\0\n');

    // Assess
    expect(analyzeFile({ path, rel: 'template.yaml', kind: 'iac', size: 0 }).kind).toBe('problem');
  });

  it('reads text whose first NUL lies past 8 KiB', () => {
    // Assess
    expect(outcome('text.js', `export const a = 1;\n// ${'x'.repeat(9_000)}\0\n`).kind).toBe('code');
  });
});

describe('a byte-order mark before a hashbang', () => {
  it('parses the file, and its findings keep their lines and columns', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-bom-'));
    const body =
      '#!/usr/bin/env node\nexport const handler = async () => { await fetch("https://x.example"); };\n';
    const read = (name: string, content: string) => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return analyzeFile({ path, rel: name, kind: 'code', size: 0 });
    };
    // Assess: the marked file reads as the unmarked one does, candidate for candidate.
    const marked = read('marked.ts', `\uFEFF${body}`);
    const plain = read('plain.ts', body);
    expect(marked.kind).toBe('code');
    if (marked.kind !== 'code' || plain.kind !== 'code') throw new Error('not code');
    const places = (o: typeof marked) =>
      o.kind === 'code' ? o.facts.candidates.map((c) => `${c.rule}@${c.line}:${c.column}`) : [];
    expect(places(marked).length).toBeGreaterThan(0);
    expect(places(marked)).toEqual(places(plain));
  });
});

describe('JSON infrastructure files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-json-'));
  const outcome = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return analyzeFile({ path, rel: name, kind: 'iac', size: 0 });
  };

  it('reads a JSON template as before, and a JSON schema that only names Resources as nothing', () => {
    // Prepare: a template with one queue, and a schema whose text names Resources and AWS:: types.
    const template = JSON.stringify(
      { Resources: { Jobs: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'jobs' } } } },
      null,
      2,
    );
    const schema = JSON.stringify({ properties: { Resources: { description: 'AWS::EC2::VPC ids' } } });

    // Act
    const found = outcome('template.json', template);
    const none = outcome('schema.json', schema);

    // Assess
    expect(found).toMatchObject({ kind: 'iac', result: { tool: 'sam' } });
    expect(none).toMatchObject({ kind: 'iac', result: { candidates: [], batchOneHandlers: [] } });
  });

  it('still reports JSON a template names that neither JSON nor YAML can read', () => {
    // Assess: not JSON (a trailing comma is fine in YAML flow style, an unclosed brace is not).
    expect(outcome('broken.json', '{ "Resources": { "Q": { "Type": "AWS::SQS::Queue" }').kind).toBe(
      'problem',
    );
  });
});
