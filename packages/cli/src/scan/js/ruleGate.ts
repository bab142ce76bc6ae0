// Words without which no rule can report in a module, per rule family. A module without any of them is
// only syntax-checked at first; what it offers importers (wrappers, async exports, SDK options, handler
// facts) is worked out when the project pass asks (project.ts), so its syntax tree is usually never built.
// Each pattern over-approximates the rules' own entry conditions: a word may match where no rule fires
// (the module is then analysed, as before), never the other way round.
// Plain word searches first: a regular expression with many alternatives over every file cost more than
// the rest of the check (measured: about a third of it on a 1,099-file application). The searches go
// through SourceWords, which rules most absent words out in one pass over the text.

import { floatingShapes } from './gateFloating.js';
import { handlerWords } from './gateHandler.js';
import { cdkConstruct, serverlessConfig } from './gateIac.js';
import { mayHoldResolvers } from './graphqlResolvers.js';
import { importsNodeHttp, sdkImportCount } from './importScan.js';
import { loadsPackage } from './loadsPackage.js';
import { randomKey } from './randomKeyGate.js';
import { mentionsRestDataSource } from './restDataSources.js';
import { batchWordsIn } from './rules/batchApis.js';
import { mayDropBatchCall } from './rules/batchMethods.js';
import { BROWSER_IMPORT } from './rules/browserClose.js';
import { CONSTRUCTED_CLIENT_PACKAGES } from './rules/constructedClients.js';
import { mentionsExtendedSqs } from './rules/extendedSqsClient.js';
import { PROJECT_IMPORT, readsFailureField } from './rules/gatheredFailures.js';
import { mentionsGemini } from './rules/geminiClients.js';
import { mentionsGeneratedClients } from './rules/generatedClients.js';
import { MIDDY_CLIENT_IMPORT } from './rules/middyClients.js';
import { NULL_POLL_TEST } from './rules/retryNullPolls.js';
import { mayBuildFromProjectSdk } from './rules/sdkReexports.js';
import { mentionsActionsOnGoogle } from './rules/smarthomeClients.js';
import { mentionsSupabase } from './rules/supabaseClients.js';
import { mentionsUntimedPackages } from './rules/untimedPackageClients.js';
import { mentionsWretch } from './rules/wretchClients.js';
import { SourceWords } from './SourceWords.js';
import { takenApart } from './takenApart.js';
import { lastTextMemo } from './textMemo.js';

/**
 * fetch (a call, `globalThis['fetch']`, a fetch package's import, one handed in: js/handedInClients.ts's
 * INJECTED_FETCH_NAME or `typeof fetch`), undici, axios (aws-signed-axios too), got, ky, superagent,
 * twitter-lite (js/httpLibraries.ts), node:http(s) imported (rules/http.ts, the fetch check of
 * rules/swallowed.ts; js/httpCall.ts).
 */
const FETCH =
  /\b(?:fetch|fetchImpl|fetchFn|fetchFunction|customFetch|httpFetch)\s*\(|fetch['"`]|typeof\s+(?:[\w$]+\.)*fetch\b/;

const FAMILY =
  /(?:\bfrom\s*|\brequire\(\s*|\bimport\(\s*)['"`](?:request(?:-promise(?:-native|-any)?|retry)?|(?:sync|then)-request|needle|ofetch)['"`]/;

function http(words: SourceWords): boolean {
  const source = words.source;
  return (
    ((words.includes('fetch') || words.includes('Fetch')) && FETCH.test(source)) ||
    words.includes('axios') ||
    words.includes('twitter-lite') ||
    words.includes('superagent') ||
    words.includes('undici') ||
    // API client packages with no default timeout (rules/apiClients.ts).
    words.includes('@sendgrid/') ||
    words.includes('@slack/webhook') ||
    // Slack WebClient and Bolt App, HubSpot Client, Razorpay (rules/constructedClients.ts).
    CONSTRUCTED_CLIENT_PACKAGES.some((p) => words.includes(p)) ||
    // Generated OpenAPI clients over fetch, Gemini SDKs (rules/generatedClients.ts, geminiClients.ts).
    mentionsGeneratedClients((w) => words.includes(w)) ||
    mentionsGemini((w) => words.includes(w)) ||
    // supabase-js clients (rules/supabaseClients.ts).
    mentionsSupabase((w) => words.includes(w)) ||
    (words.includes('octokit') && /['"`](?:@octokit\/(?:rest|core|app)|octokit)['"`]/.test(words.source)) ||
    words.includes('notifications-node-client') ||
    words.includes('graphql-request') ||
    // urql clients (rules/urqlClients.ts).
    words.includes('urql') ||
    // Apollo's RESTDataSource subclasses (js/restDataSources.ts).
    mentionsRestDataSource((w) => words.includes(w)) ||
    // web-push, Sanity, IPFS clients (rules/untimedPackageClients.ts).
    mentionsUntimedPackages(words.source) ||
    // wretch instances (rules/wretchClients.ts).
    (words.includes('wretch') && mentionsWretch(words.source)) ||
    // actions-on-google's smart home app (rules/smarthomeClients.ts).
    (words.includes('actions-on-google') && mentionsActionsOnGoogle(words.source)) ||
    (words.includes('soap') && loadsPackage(words.source, 'soap')) ||
    // Google API clients (rules/googleApis.ts).
    words.includes('googleapis') ||
    words.includes('google-auth-library') ||
    ((words.includes('got') || words.includes('ky')) && /\b(?:got|ky)\b/.test(source)) ||
    // The request family (js/httpDefaults.ts): request, request-promise(-native), requestretry, needle, ofetch.
    ((words.includes('request') || words.includes('needle') || words.includes('ofetch')) &&
      FAMILY.test(source)) ||
    (words.includes('http') && importsNodeHttp(source))
  );
}

/**
 * Could the module make an HTTP call the scan recognises (js/httpCall.ts)? The gate's own HTTP words,
 * through the gate's bit set of the same text (SourceWords.of) and remembered for the last text: a rule
 * asks it of the module the gate has just read.
 */
export const mayCallHttp: (source: string) => boolean = lastTextMemo((source) =>
  http(SourceWords.of(source)),
);

/** An import or require of an SDK source, with the names it binds (group 1 or 2). */
const SDK_BINDING =
  /(?:\bimport\s+([^;'"`]*?)\s*(?:\bfrom\s*|=\s*require\(\s*)|\b(?:const|let|var)\s+([^=;'"`]+?)\s*=\s*require\(\s*)['"`](?:@aws-sdk\/client-|aws-sdk['"`/])/g;
const NOT_A_NAME = new Set(['type', 'typeof', 'as', 'import', 'default']);
/** Imported names rules/sdk.ts never takes for a client (unless renamed: then the local name counts). */
const NOT_A_CLIENT = /(?:Command|Exception|Error|Paginator|Waiter)$/;
const PARTIAL_BATCH_COMMAND =
  /Batch\w*Command|PutEventsCommand|PutRecordsCommand|DeleteObjectsCommand|InvokeCommand|RunTaskCommand/;

/**
 * AWS SDK clients (rules/sdk.ts judges `new X(...)` where X, or the namespace it is read from, is
 * imported from the SDK) and the batch commands rules/partialBatch.ts reads the results of (and Lambda's
 * `InvokeCommand` and `RunTaskCommand`, whose `FunctionError` and `failures` rules/invokeResult.ts and
 * runTaskResult.ts read the same way). An SDK import or require in a form not understood here counts as a client.
 */
function sdk(words: SourceWords): boolean {
  const source = words.source;
  if (words.includes('Command') && PARTIAL_BATCH_COMMAND.test(source)) return true;
  // A v2 batch request on a client made elsewhere, or a batch's failure field read (rules/partialBatch.ts).
  if (batchWordsIn((w) => words.includes(w))) return true;
  // An Elasticsearch/OpenSearch bulk call whose per-document errors may go unread (rules/searchBulk.ts).
  if (words.includes('.bulk(')) return true;
  // Refused entries gathered from answers a project helper handed back (rules/gatheredFailures.ts).
  if (
    words.includes('Failed') &&
    readsFailureField(source, (w) => words.includes(w)) &&
    PROJECT_IMPORT.test(source)
  )
    return true;
  // Powertools parameter providers and project subclasses of SDK clients (rules/sdkClients.ts, sdk.ts).
  if (words.includes('@aws-lambda-powertools/parameters')) return true;
  // Middy middlewares that build their own client (rules/middyClients.ts).
  if (words.includes('@middy/') && MIDDY_CLIENT_IMPORT.test(source)) return true;
  // The SQS extended client builds its SQS and S3 clients from its options (rules/extendedSqsClient.ts).
  if (mentionsExtendedSqs((w) => words.includes(w))) return true;
  if (words.includes('Client(') && /\bnew\s+[\w$]*Client\s*\(/.test(source)) return true;
  // `new AWS.S3()` of a project module that passes the SDK on (rules/sdkReexports.ts).
  if (words.includes('new ') && mayBuildFromProjectSdk(source)) return true;
  if (!words.includes('aws-sdk')) return false;
  const sources = sdkImportCount(source);
  if (sources === 0) return false;
  const names: string[] = [];
  let bindings = 0;
  for (const m of source.matchAll(SDK_BINDING)) {
    bindings++;
    const clause = m[1] ?? m[2] ?? '';
    const renames = /\bas\b|:/.test(clause);
    for (const name of clause.match(/[A-Za-z_$][\w$]*/g) ?? [])
      if (!NOT_A_NAME.has(name) && (renames || !NOT_A_CLIENT.test(name)))
        names.push(name.replace(/\$/g, '\\$'));
  }
  names.push(...takenApart(source, names));
  if (bindings < sources) return true;
  return names.length > 0 && new RegExp(`\\bnew\\s+(?:${names.join('|')})(?![\\w$])`).test(source);
}

/** `.catch(...)`, `p['catch'](...)`: a promise's catch handler (rules/swallowed.ts, auth.ts). */
const CATCH_CALL = /\.\s*catch\b|['"`]catch['"`]\s*\]/;
/** `catch {}`, `catch (e) {}`: reported wherever it is. */
const EMPTY_CATCH = /catch\s*(?:\([^)]*\))?\s*\{\s*\}/;

/** What an answer of 401/403 is written with (rules/authFacts.ts): a status, a Deny policy, an error's name. */
function authWords(words: SourceWords): boolean {
  const source = words.source;
  return (
    words.includes('401') ||
    words.includes('403') ||
    (words.includes('Deny') && /['"`]Deny['"`]/.test(source)) ||
    words.includes('nauthori') ||
    words.includes('orbidden') ||
    words.includes('nauthenticated')
  );
}

/** An attempt count moved on, the mark of a retry by re-sending a message (rules/retryRepublish.ts). */
const REPUBLISH_COUNT = /\b(?:retry|retries|attempts?)(?:Count|Counter|Number|No)?\s*\+\s*1\b/i;

/**
 * A catch a rule can judge: one around I/O (awaited work, an SDK send; HTTP calls have their own words),
 * an empty one, a promise's `.catch()`, or one near a 401/403 answer (rules/swallowed.ts, auth.ts; a
 * hand-written retry loop awaits inside its try: retryLoops.ts, exhaustedRetry.ts). Catches on a handler's
 * path are the handler words' business. Plus the retry libraries rules/retryLibraries.ts and retryPolicies.ts read.
 */
function catchOrRetry(words: SourceWords): boolean {
  const source = words.source;
  return (
    (words.includes('catch') &&
      (words.includes('await') ||
        (words.includes('send') && /\.\s*send\s*\(/.test(source)) ||
        authWords(words) ||
        CATCH_CALL.test(source) ||
        EMPTY_CATCH.test(source))) ||
    words.includes('cockatiel') ||
    // A breaker written by hand, its state in module memory (rules/handRolledBreakers.ts).
    words.includes('ircuit') ||
    words.includes('reaker') ||
    // RxJS retryWhen cut by take(n) (rules/rxjsRetryWhen.ts).
    words.includes('retryWhen') ||
    words.includes('-retry') ||
    words.includes('exponential-backoff') ||
    // rules/retryPolicies.ts: polly-js, @lifeomic/attempt, node-retry (`from 'retry'`).
    words.includes('polly-js') ||
    // rules/retrySuperagent.ts: superagent's `.retry(n)`, which resends with no delay.
    (words.includes('superagent') && words.includes('.retry(')) ||
    // rules/retryRepublish.ts: a message re-sent with its attempt count moved on (`retryCount + 1`).
    ((words.includes('retr') || words.includes('ttempt')) && REPUBLISH_COUNT.test(source)) ||
    words.includes('@lifeomic/attempt') ||
    // rules/retryRedisClients.ts: an ioredis client with no per-command retry limit.
    words.includes('maxRetriesPerRequest') ||
    // rules/retryViemTransport.ts: a viem transport's written retryDelay.
    (words.includes('retryDelay') && words.includes('viem')) ||
    // rules/retryNullPolls.ts: `while (x == null)` polls over a helper that answers errors with null.
    (words.includes('while') && NULL_POLL_TEST.test(source)) ||
    (words.includes("retry'") && /['"]retry['"]/.test(source)) ||
    (words.includes('retry"') && /['"]retry['"]/.test(source))
  );
}

const CLIENT_CLOSE = /\.(?:end|quit|disconnect)\(\s*\)\s*;/;
const ORM_IMPORT = /['"](?:typeorm|sequelize|sequelize-typescript|mongoose)['"]/;

/**
 * Re-exports and CommonJS export objects: cheap to analyse, and what they rename must be known before the
 * project pass starts (its shortcuts read exported names). SqsEventSource: a wrapper construct others
 * build (rules/cdkWrappers.ts), which decides whether constructs built elsewhere are judged at all.
 */
function eager(words: SourceWords): boolean {
  const source = words.source;
  return (
    words.includes('module.exports') ||
    words.includes('SqsEventSource') ||
    (words.includes('export') && /export\s*(?:type\s*)?[{*]/.test(source))
  );
}

/**
 * Could any rule report a candidate in this module (other than a construct built from an imported
 * SqsEventSource wrapper, which the project pass settles), or must its facts be known up front?
 * @example
 * mayReport("import axios from 'axios'"); // true
 * mayReport('export class Props {}'); // false
 */
export const mayReport: (source: string) => boolean = lastTextMemo(gate);

/** mayReport's words, asked once per text (a rule asks again of the module the gate has just admitted). */
function gate(source: string): boolean {
  const words = SourceWords.of(source);
  return (
    catchOrRetry(words) ||
    http(words) ||
    sdk(words) ||
    eager(words) ||
    cdkConstruct(words) ||
    serverlessConfig(words) ||
    handlerWords(words) ||
    randomKey(words) ||
    // A workflow engine's function answering a tested error as a value (rules/workflowFailureAnswers.ts).
    (words.includes('createFunction') && words.includes('await')) ||
    // A queue created at run time with no redrive policy (rules/sdkQueues.ts).
    (words.includes('reateQueue') && words.includes('QueueName')) ||
    // A FIFO send left to content-based deduplication (rules/fifoContentDedup.ts); the group ids a FIFO
    // consumer's concurrency depends on (js/messageGroups.ts).
    words.includes('MessageGroupId') ||
    words.includes('messageGroupId') ||
    // Promises a helper module may leave floating in shapes no call name shows (rules/floatingShapes.ts).
    floatingShapes(words) ||
    // A route beside the Lambda adapter serving its app (rules/routeHandlers.ts): serverless-http,
    // @vendia/serverless-express, aws-serverless-express, @h4ad/serverless-adapter.
    (words.includes('serverless-') && words.includes('res')) ||
    // An Algolia index or client's request left floating (rules/algoliaCalls.ts).
    words.includes('algoliasearch') ||
    // An abort timer written with the promise setTimeout, which never calls it (rules/deadAbortTimers.ts).
    (words.includes('timers/promises') && words.includes('abort')) ||
    // A GraphQL resolver, declared by its type or held in a root type's map, which runs inside the API
    // handler (js/graphqlResolvers.ts).
    mayHoldResolvers(words.source) ||
    // A promise-based client closed without await after its awaited queries (`await mysql.query(q)`, then
    // `mysql.end()`: rules/clientClose.ts), in an exported function an importer or a template's handler runs.
    (words.includes('await') && CLIENT_CLOSE.test(words.source)) ||
    // A headless browser closed without await (rules/browserClose.ts).
    (words.includes('.close(') && BROWSER_IMPORT.test(words.source)) ||
    // An entity save or create through an ORM, which a consumer may reach (rules/ormSaves.ts).
    ((words.includes('.save(') || words.includes('.create(')) && ORM_IMPORT.test(words.source)) ||
    // A plain insert (SQL, Mongo, Prisma) in a repository module a consumer may reach (rules/inserts.ts).
    (words.mayHave('insert') && /\binsert\s+into\b|\.insert(?:One|Many)?\s*\(/i.test(words.source)) ||
    (words.includes('.create') && /\bprisma\b|@prisma\/client/i.test(words.source)) ||
    // An answer of 401/403 on an imported helper's result (rules/authAcrossModules.ts).
    authWords(words) ||
    // A batch wrapper's answer awaited and dropped (rules/batchMethods.ts).
    ((words.includes('atch') || words.includes('put') || words.includes('delete')) &&
      mayDropBatchCall(words.source)) ||
    // A remote page that fails its schema in a generator or loop a handler reads (rules/parseFailure.ts).
    (words.includes('safeParse') && words.includes('await')) ||
    // A remote password check's failure answered as wrong credentials (rules/credentialChecks.ts).
    ((words.includes('Credentials') || words.includes('Password')) &&
      /WrongUsernameOrPassword|InvalidCredentials|InvalidPassword|WrongPassword|BadCredentials/.test(source))
  );
}
