// The whole-text word tests rules ask (ModuleContext.spells, exportFacts' textSpelled) may only save work:
// every answer must equal a plain search of the module's text, asked once or many times.
import { parseSync } from 'oxc-parser';
import { describe, expect, it } from 'vitest';
import type { Node } from './ast.js';
import { ModuleContext } from './ModuleContext.js';
import { textSpelled } from './textSpelled.js';

const SOURCE = `import { SQSClient } from '@aws-sdk/client-sqs';
export const handler = async (event) => {
  for (const r of event.Records) await send(r); // “quoted” €
};
export const ids = [1, 2].length;
`;

const WORDS = [
  '.Records',
  '.length',
  'events',
  'event',
  'aws-cdk',
  '@aws-sdk/client-sqs',
  'sqsclient',
  'SQSClient',
  '€',
  'ok',
  '',
  'sst.aws.Queue',
];

describe('whole-text word tests', () => {
  it.each(WORDS)('ModuleContext.spells answers %j as a search of the text does', (word) => {
    // Prepare
    const parsed = parseSync('/app/m.js', SOURCE);
    const ctx = new ModuleContext('/app/m.js', SOURCE, parsed.program as unknown as Node, parsed.comments);

    // Act: asked twice, as rules of one module do.
    const first = ctx.spells(word);
    const again = ctx.spells(word);

    // Assess
    expect([first, again]).toEqual([SOURCE.includes(word), SOURCE.includes(word)]);
  });

  it('textSpelled answers words and expressions as a search does, however often asked', () => {
    // Prepare
    const spelled = textSpelled(SOURCE);
    const catchThrow = /catch[\s\S]*throw/;

    // Act
    const answers = [...WORDS, ...WORDS].map((w) => spelled(w));

    // Assess
    expect(answers).toEqual([...WORDS, ...WORDS].map((w) => SOURCE.includes(w)));
    expect(spelled(catchThrow)).toBe(false);
    expect(spelled(/\.Records\)/)).toBe(true);
  });
});
