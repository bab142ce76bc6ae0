// Loads CloudFormation / SAM / serverless YAML or JSON with the intrinsic short forms (!Ref, !GetAtt,
// !Sub, ...) turned into their long forms, and finds the line of any path in the document.
import type { CollectionTag, ScalarTag } from 'yaml';
import { yamlLibrary as yaml } from '../yamlLibrary.js';

const INTRINSICS = [
  'Ref',
  'GetAtt',
  'Sub',
  'Join',
  'Select',
  'Split',
  'FindInMap',
  'ImportValue',
  'Base64',
  'Equals',
  'Not',
  'And',
  'Or',
  'If',
  'GetAZs',
  'Condition',
  'Cidr',
  'Transform',
  'ToJsonString',
  'Length',
];

function longName(name: string): string {
  return name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
}

const customTags: (ScalarTag | CollectionTag)[] = INTRINSICS.flatMap(
  (name): (ScalarTag | CollectionTag)[] => [
    {
      tag: `!${name}`,
      resolve: (value: string) => ({ [longName(name)]: name === 'GetAtt' ? value.split('.') : value }),
    },
    {
      tag: `!${name}`,
      collection: 'seq',
      resolve: (seq) => ({ [longName(name)]: seq.toJSON() }),
    } as CollectionTag,
    {
      tag: `!${name}`,
      collection: 'map',
      resolve: (map) => ({ [longName(name)]: map.toJSON() }),
    } as CollectionTag,
  ],
);

export interface LoadedYaml {
  readonly value: unknown;
  /** 1-based line/column of the deepest existing key on `path`. */
  locate(path: readonly (string | number)[]): { line: number; column: number };
  lineText(line: number): string;
}

export function loadYaml(text: string): LoadedYaml | { error: string } {
  const { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    customTags,
    lineCounter,
    uniqueKeys: false,
    prettyErrors: false,
    logLevel: 'silent',
  });
  if (doc.errors.length > 0) return { error: doc.errors[0]?.message.split('\n')[0] ?? 'invalid YAML' };
  const value: unknown = doc.toJS({ maxAliasCount: 1000 });
  const lines = text.split('\n');
  return {
    value,
    lineText: (line) => (lines[line - 1] ?? '').trim(),
    locate(path) {
      let node: unknown = doc.contents;
      let offset = 0;
      for (const segment of path) {
        if (isMap(node)) {
          const pair = node.items.find(
            (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment),
          );
          if (pair === undefined) break;
          if (isScalar(pair.key) && pair.key.range) offset = pair.key.range[0];
          node = pair.value;
        } else if (isSeq(node) && typeof segment === 'number') {
          const item = node.items[segment];
          if (item === undefined) break;
          const range = (item as { range?: [number, number, number] }).range;
          if (range) offset = range[0];
          node = item;
        } else break;
      }
      const pos = lineCounter.linePos(offset);
      return { line: pos.line, column: pos.col };
    },
  };
}

/**
 * Logical ids a value refers to: Ref, Fn::GetAtt, Fn::Sub `${X}` / `${X.Arn}`. SAM's `!Ref Fn.Alias` and
 * `!Ref Fn.Version` (the alias and version `AutoPublishAlias` makes) refer to the function `Fn`: a rule
 * target, a permission or an environment variable naming the alias invokes that function.
 */
export function refsIn(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) refsIn(v, out);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'Ref' && typeof v === 'string') out.add(v.replace(/\.(?:Alias|Version)$/, ''));
      else if (k === 'Fn::GetAtt') {
        const first = Array.isArray(v) ? v[0] : typeof v === 'string' ? v.split('.')[0] : undefined;
        if (typeof first === 'string') out.add(first);
      } else if (k === 'Fn::Sub') {
        const s = Array.isArray(v) ? v[0] : v;
        if (typeof s === 'string') for (const m of s.matchAll(/\$\{([A-Za-z0-9]+)/g)) out.add(m[1] as string);
        refsIn(Array.isArray(v) ? v[1] : undefined, out);
      } else refsIn(v, out);
    }
  } else if (typeof value === 'string') {
    // serverless.yml: ${self:...} and "arn:...:queue-name" stay strings; CloudFormation-style refs only above.
  }
  return out;
}
