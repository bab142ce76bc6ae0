// The SDK client names a module binds by destructuring an SDK import (`const { S3 } = AWS`): the rule gate
// (ruleGate.ts) reads them from the text, before any syntax tree, to tell whether `new S3(...)` builds a client.

/**
 * The local names a module takes apart from an SDK binding: `import pkg from 'aws-sdk'; const { S3, Endpoint:
 * E } = pkg` binds `S3` and `E` (js/moduleIndex.ts reads them as the package's exports), so `new S3(...)` is
 * a client. `names` are already escaped for a RegExp.
 * @example
 * takenApart('const { S3, Endpoint: E } = AWS;\n', ['AWS']) // ['S3', 'E']
 */
export function takenApart(source: string, names: readonly string[]): string[] {
  if (names.length === 0 || !source.includes('} =')) return [];
  const out: string[] = [];
  const pattern = new RegExp(
    `\\b(?:const|let|var)\\s*\\{([^}]*)\\}\\s*=\\s*(?:${names.join('|')})\\s*[;\\n]`,
    'g',
  );
  for (const m of source.matchAll(pattern))
    for (const part of (m[1] ?? '').split(',')) {
      const local = part.split(':').at(-1)?.trim();
      if (local !== undefined && /^[A-Za-z_$][\w$]*$/.test(local)) out.push(local.replace(/\$/g, '\\$'));
    }
  return out;
}
