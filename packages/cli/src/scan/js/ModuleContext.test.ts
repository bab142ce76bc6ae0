// ModuleContext.spells may only save work (the text's bit set rules words out before a search): every
// answer must equal a plain search of the module's text, asked once or many times.
import { describe, expect, it } from 'vitest';
import { contextOf } from './testing/parsed.js';

const SOURCE = `import { SQSClient } from '@aws-sdk/client-sqs';
export const handler = async (event) => {
  for (const r of event.Records) await send(r); // “äöü” €
};
`;

describe('ModuleContext.spells', () => {
  // A word of non-ASCII characters (hashed with the same case fold as ASCII), and a word spelled in
  // another case than the text's (the bit set, folding case, lets it through; the search answers no).
  it.each(['“äöü”', 'sqsclient'])('answers %j as a search of the text does', (word) => {
    // Prepare
    const ctx = contextOf(SOURCE, '/app/m.js');

    // Act: asked twice, as rules of one module do.
    const first = ctx.spells(word);
    const again = ctx.spells(word);

    // Assess
    expect([first, again]).toEqual([SOURCE.includes(word), SOURCE.includes(word)]);
  });
});
