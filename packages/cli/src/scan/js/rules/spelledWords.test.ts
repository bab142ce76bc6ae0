// A whole-text expression asked through testSpelled runs only where one of its words is spelled, so each
// word list must hold a word of every alternative of its expression: a phrase added to the expression and
// not to the list would leave the rule silent. One sample per alternative, matched and let through.
import { describe, expect, it } from 'vitest';
import { AUTH_CLASS, AUTH_CLASS_WORDS, AUTH_STATUS, AUTH_STATUS_WORDS } from '../exportAuthFacts.js';
import { GRAPHQL_SPELLED, GRAPHQL_WORDS } from '../graphqlResolvers.js';
import { ITEM_ANSWER, ITEM_ANSWER_WORDS } from '../handlerFacts.js';
import { testSpelled } from '../SourceWords.js';
import { AUTH_TEXT, AUTH_TEXT_WORDS } from './auth.js';
import { DENIAL_TEXT, DENIAL_WORDS } from './authNullFlow.js';
import { RECONNECT, RECONNECT_WORDS } from './authReconnect.js';
import { ASYNC_INVOKER_WORDS, ASYNC_INVOKERS } from './cdkBuiltFunctions.js';
import { BREAKER_NAME, BREAKER_WORDS } from './handRolledBreakers.js';
import { IDEMPOTENCY_TEXT, IDEMPOTENCY_WORDS } from './idempotencyCheckKeys.js';
import { NOT_FOUND_TEXT, NOT_FOUND_WORDS } from './notFoundCatchAll.js';
import { RETRY_TEXT, RETRY_WORDS } from './retryRepublish.js';
import { TOKEN_URL, TOKEN_URL_WORDS } from './tokenEndpoint.js';
import { KEY_TEXT, KEY_TEXT_WORDS } from './wrappedKeys.js';

const CASES: readonly (readonly [string, RegExp, readonly string[], readonly string[]])[] = [
  [
    'TOKEN_URL',
    TOKEN_URL,
    TOKEN_URL_WORDS,
    [
      "fetch('https://SecureToken.googleapis.com/v1/token?key=k')",
      "post('https://auth.example.com/oauth2/token', body)",
      "post('https://github.com/login/oauth/token', body)",
      "fetch(issuer + '/token')",
      "fetch('https://id.example.com/connect/token')",
      "body: 'grant_type=client_credentials&scope=read'",
    ],
  ],
  [
    'RECONNECT',
    RECONNECT,
    RECONNECT_WORDS,
    [
      "throw new Error('Please reconnect your Slack workspace')",
      "'Re-connect your account'",
      "'You need to re-authorize the app'",
      "'Reauthorise access'",
      "'Please re-authenticate'",
      "'Session ended: sign in again'",
      "'Please log in again'",
      "'Please login again'",
      "'Access revoked'",
      "'Access was revoked by the provider'",
      "'Access has been revoked'",
    ],
  ],
  [
    'GRAPHQL_WORDS',
    GRAPHQL_WORDS,
    GRAPHQL_SPELLED,
    [
      "import { GraphQLError } from 'graphql';",
      "import { ApolloServer } from '@apollo/server';",
      'export const resolvers: Resolvers = {};',
      'const typeDefs = gql`type Query { a: Int }`;',
    ],
  ],
  [
    'AUTH_STATUS',
    AUTH_STATUS,
    AUTH_STATUS_WORDS,
    [
      'return { statusCode: 401 }',
      'res.status(403)',
      "new Error('Unauthorized')",
      "'Forbidden'",
      "'Unauthenticated'",
      'UNAUTHORIZED',
      'FORBIDDEN',
    ],
  ],
  [
    'AUTH_CLASS',
    AUTH_CLASS,
    AUTH_CLASS_WORDS,
    [
      'jwt.verify(t)',
      'getJwks()',
      'const token = h',
      'verifier.verify(t)',
      'kms.decrypt(b)',
      'getSecretValue()',
      'getSigningKey(kid)',
      'introspect(t)',
      'loadSession(id)',
      'fromCredentials()',
      'const apiKey = k',
      'API_KEY',
    ],
  ],
  [
    'NOT_FOUND_TEXT',
    NOT_FOUND_TEXT,
    NOT_FOUND_WORDS,
    [
      'return { statusCode: 404 }',
      "'NotFound'",
      'status.NOT_FOUND',
      "code === 'not_found'",
      "error.code === 'NOTFOUND'",
      'const notFound = true',
      'HeadObjectCommand',
    ],
  ],
  [
    'DENIAL_TEXT',
    DENIAL_TEXT,
    DENIAL_WORDS,
    [
      '{ allowed: false }',
      'if (!authorised) return',
      'AUTHORIZED',
      'statusCode: 401',
      'status(403)',
      "Effect: 'Deny'",
      'Unauthorized',
    ],
  ],
  [
    'IDEMPOTENCY_TEXT',
    IDEMPOTENCY_TEXT,
    IDEMPOTENCY_WORDS,
    [
      'await ensureIdempotency(table, key)',
      'const IDEMPOTENT = true',
      'isDuplicate(messageId)',
      'dedupKey',
      'DeduplicationId',
      'if (alreadyProcessed) return',
      'ALREADYPROCESSED',
    ],
  ],
  [
    'AUTH_TEXT',
    AUTH_TEXT,
    AUTH_TEXT_WORDS,
    [
      'getAuthHeader()',
      'const token = t',
      'SESSION_ID',
      'jwt.decode(t)',
      "'/.well-known/jwks.json'",
      'API_KEY',
      'api-key',
    ],
  ],
  ['BREAKER_NAME', BREAKER_NAME, BREAKER_WORDS, ['const circuitState = {}', 'let BREAKER_OPEN = false']],
  [
    'ITEM_ANSWER',
    ITEM_ANSWER,
    ITEM_ANSWER_WORDS,
    [
      'return { batchItemFailures }',
      'failures.push({ itemIdentifier: id })',
      'processPartialResponseSync(event, fn, processor)',
      'new BatchProcessor(EventType.SQS)',
      'const out: SQSBatchResponse = {}',
      'middy(h).use(sqsPartialBatchFailure())',
      'const PartialBatchError = e',
    ],
  ],
  [
    'KEY_TEXT',
    KEY_TEXT,
    KEY_TEXT_WORDS,
    ['MessageDeduplicationId: id', 'idempotencyKey', 'CLIENTTOKEN', 'clientRequestToken: t'],
  ],
  ['RETRY_TEXT', RETRY_TEXT, RETRY_WORDS, ['retryCount + 1', 'MAX_RETRIES', 'attempts++', 'ATTEMPT']],
  [
    'ASYNC_INVOKERS',
    ASYNC_INVOKERS,
    ASYNC_INVOKER_WORDS,
    [
      'new SqsEventSource(q)',
      'new LambdaSubscription(fn)',
      'new LambdaDestination(fn)',
      'new LambdaFunctionAction(fn)',
      "from 'aws-cdk-lib/aws-ses-actions'",
    ],
  ],
];

const SAMPLES = CASES.flatMap(([name, pattern, words, phrases]) =>
  phrases.map((phrase) => [name, phrase, pattern, words] as const),
);

describe('word lists of testSpelled expressions', () => {
  it.each(SAMPLES)('%s: %j is matched and let through by its words', (_name, phrase, pattern, words) => {
    // Act
    const matched = pattern.test(phrase);
    const spelled = testSpelled(pattern, phrase, words);

    // Assess
    expect([matched, spelled]).toEqual([true, true]);
  });
});

// Derived from the expressions themselves, so an alternative added without a word (`|NoSuchKey`) fails
// even when nobody writes a sample for it.
const DERIVED: readonly (readonly [string, RegExp, readonly string[]])[] = [
  ['NOT_FOUND_TEXT', NOT_FOUND_TEXT, NOT_FOUND_WORDS],
  ['IDEMPOTENCY_TEXT', IDEMPOTENCY_TEXT, IDEMPOTENCY_WORDS],
  ['DENIAL_TEXT', DENIAL_TEXT, DENIAL_WORDS],
  ['AUTH_TEXT', AUTH_TEXT, AUTH_TEXT_WORDS],
  ['BREAKER_NAME', BREAKER_NAME, BREAKER_WORDS],
  ['RETRY_TEXT', RETRY_TEXT, RETRY_WORDS],
  ['ASYNC_INVOKERS', ASYNC_INVOKERS, ASYNC_INVOKER_WORDS],
  ['KEY_TEXT', KEY_TEXT, KEY_TEXT_WORDS],
  ['ITEM_ANSWER', ITEM_ANSWER, ITEM_ANSWER_WORDS],
];

describe('word lists against their expressions', () => {
  it.each(DERIVED)(
    '%s: every alternative of the expression holds one of its words',
    (_name, pattern, words) => {
      // Act
      const bare = pattern.source
        .split('|')
        .filter((alt) => !words.some((w) => alt.toLowerCase().includes(w.toLowerCase())));

      // Assess
      expect(bare).toEqual([]);
    },
  );
});
