// The rule gate (ruleGate.ts) for random-id-nondeterministic, apart: its key-field words are the longest
// list of any family, and they follow rules/idempotency.ts's key names, not the gate's other families.
import type { SourceWords } from './SourceWords.js';

/**
 * A key field (any case, rules/idempotency.ts) set from a random call (its RANDOM_CALL names, in the
 * value or in the const it names): reported in any module. So are a caller's `...Reference` and the key
 * of a keyed write (`gateway.upload(key, body)`) in a module with no handler, which its consumers reach.
 */
const KEY_FIELD =
  /idempot|dedup|clienttoken|clientrequesttoken|[a-zA-Z]Reference\b|\b(?:upload\w*|putObject|putFile|saveFile|storeFile|storeObject|saveObject|writeObject)\s*\(/;
const KEY_FIELD_ANY_CASE = /idempot|dedup|clienttoken|clientrequesttoken/i;
const KEY_FIELD_WORDS = [
  'idempot',
  'dedup',
  'clienttoken',
  'clientrequesttoken',
  'reference',
  'upload',
  'putobject',
  'putfile',
  'savefile',
  'storeobject',
  'storefile',
  'saveobject',
  'writeobject',
];

/**
 * A random value handed straight to a call (`queue.sendFifo(body, url, group, uuid())`): the callee may write
 * it as a deduplication key in another module (rules/wrappedKeys.ts), which the project pass asks.
 */
const RANDOM_ARGUMENT =
  /[,(]\s*(?:uuid|v4|v7|uuidv[47]|randomUUID|crypto\.randomUUID|nanoid|ulid|cuid|createId|generateId)\(\)\s*,?\s*\)/;
/** The argument itself, as wrappedKeys.ts reads it: the gate and the rule agree on what they look at. */
export const RANDOM_ARGUMENT_TEXT =
  /^(?:uuid|v4|v7|uuidv[47]|randomUUID|crypto\.randomUUID|nanoid|ulid|cuid|createId|generateId)\(\)$/;

/**
 * A class built in a static method (`static create(o) { const id = uuidv4(); return new Reservation(id, o) }`):
 * maybe an entity's factory minting the entity's id, which rules/entityFactoryIds.ts reads. The rule takes
 * the random value at any argument, through a const or a namespace (`uuid.v4()`), so the gate asks only for
 * the shape; the random word is asked beside it.
 */
const STATIC_MEMBER = /\bstatic\s/;
const CONSTRUCTED = /\bnew\s+[A-Z][\w$]*\s*\(/;

/**
 * The rule gate's words for random-id-nondeterministic: a random value and a key field both named.
 * @example
 * randomKey(new SourceWords("const idempotencyKey = uuid()")); // true
 */
export function randomKey(words: SourceWords): boolean {
  const source = words.source;
  return (
    (words.includes('uuid') ||
      words.includes('UUID') ||
      words.includes('v4') ||
      words.includes('v7') ||
      words.includes('nanoid') ||
      words.includes('ulid') ||
      words.includes('cuid') ||
      words.includes('createId') ||
      words.includes('generateId') ||
      words.includes('random') ||
      words.includes('Date.now') ||
      words.includes('new Date()')) &&
    ((KEY_FIELD_WORDS.some((w) => words.mayHave(w)) &&
      (KEY_FIELD_ANY_CASE.test(source) || KEY_FIELD.test(source))) ||
      RANDOM_ARGUMENT.test(source) ||
      (STATIC_MEMBER.test(source) && CONSTRUCTED.test(source)))
  );
}
