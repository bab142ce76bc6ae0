// The gate's word filter may only save work: every answer must equal a plain search of the text.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SourceWords, testSpelled } from './SourceWords.js';

const SOURCE = `import { S3Client } from '@aws-sdk/client-s3';
export const handler = async (event: SQSEvent) => {
  try { await new S3Client({}).send(cmd); } catch (e) { console.error(e); } // “quoted” €
};
const IdempotencyKey = crypto.randomUUID();
`;

describe('SourceWords', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it.each([
    'import',
    'S3Client',
    '@aws-sdk/client-s3',
    'handler',
    'catch',
    'SQSEvent',
    '€',
    '“quoted”',
    ');\n',
    'ky',
    'a',
    '',
    'superagent',
    'axios',
    'Handler',
    'CATCH',
    's3client',
    'random UUID',
    'Idempotency',
    'idempotency',
  ])('answers %j exactly as a search of the text does', (word) => {
    // Act
    const words = new SourceWords(SOURCE);

    // Assess
    expect(words.includes(word)).toBe(SOURCE.includes(word));
  });

  it('finds every piece of the text, at its start, in its middle and at its end', () => {
    // Prepare
    const words = new SourceWords(SOURCE);

    // Act
    const missed: string[] = [];
    for (let length = 1; length <= 12; length++)
      for (let start = 0; start + length <= SOURCE.length; start++) {
        const piece = SOURCE.slice(start, start + length);
        if (!words.includes(piece)) missed.push(piece);
      }

    // Assess
    expect(missed).toEqual([]);
  });

  it('rules out absent words without searching, and never a word in another case of its letters', () => {
    // Prepare
    const words = new SourceWords(SOURCE);

    // Assess: a case-insensitive match needs every piece too, so mayHave must stay true for it.
    expect(words.mayHave('IDEMPOTENCY')).toBe(true);
    expect(words.mayHave('sqsevent')).toBe(true);
    expect(words.mayHave('superagent')).toBe(false);
    expect(words.mayHave('cockatiel')).toBe(false);
  });

  it('answers a word asked again as it did the first time, hit or miss, in any order', () => {
    // Prepare
    const words = new SourceWords(SOURCE);
    const asked = ['S3Client', 'IdempotencyKey', 's3client', 'handler', 'S3Client', 's3client', 'handler'];

    // Act
    const answers = asked.map((w) => words.includes(w));

    // Assess
    expect(answers).toEqual(asked.map((w) => SOURCE.includes(w)));
  });

  it('searches the text once per word it lets through, however often the word is asked', () => {
    // Prepare: a word in another case passes the bit set (pieces are case folded) but is absent, so only a search answers.
    const words = new SourceWords(SOURCE);
    const search = vi.spyOn(String.prototype, 'includes');

    // Act
    const answers = [words.includes('s3client'), words.includes('s3client'), words.includes('S3Client')];
    const searched = search.mock.calls.map((c) => c[0]);

    // Assess
    expect(answers).toEqual([false, false, true]);
    expect(searched).toEqual(['s3client', 'S3Client']);
  });

  it.each([
    [/typeorm|mongoose/, ['typeorm', 'mongoose']],
    [/\bSQS(Event|Handler)\b/, ['SQSEvent', 'SQSHandler']],
    [/IDEMPOTENCY|randomuuid/i, ['idempotency', 'randomuuid']],
    [/superagent|cockatiel/, ['superagent', 'cockatiel']],
    [/\bawait\s+new\s+S3Client/, ['S3Client']],
  ] as const)('testSpelled answers %s exactly as the expression does', (pattern, words) => {
    // Assess: the word filter may only skip the search where the expression cannot match.
    expect(testSpelled(pattern, SOURCE, words)).toBe(pattern.test(SOURCE));
  });
});
