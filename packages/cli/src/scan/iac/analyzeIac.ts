// Per-file pass for infrastructure: picks the dialect (CloudFormation/SAM, serverless.yml, Terraform)
// and runs its checks.
import { dirname, join } from 'node:path';
import type { Candidate } from '../js/Candidate.js';
import { anchorHandlers } from './anchoredHandlers.js';
import { includeDefinitions } from './cfnApiIntegrations.js';
import { checkCloudFormation, isCloudFormation } from './cloudformation.js';
import { codeDirsOf } from './codeDirs.js';
import { countDecided } from './decidedCount.js';
import { samEventHandlers, serverlessEventHandlers } from './eventWiredHandlers.js';
import { onDemandTableExports } from './floodTargets.js';
import { samFunctionHandlers, serverlessFunctionHandlers } from './functionHandlers.js';
import type { CodeDir, IacReport, IacResult, Json } from './IacResult.js';
import { type NamedHandler, samNamedHandlers, serverlessNamedHandlers } from './nameInvokedHandlers.js';
import { packagedCopy } from './packagedTemplates.js';
import { serverlessPolledNames, templatePolledNames } from './polledQueueNames.js';
import { serverlessRequestHandlers } from './requestHandlers.js';
import { writeEsbuildSourceHandlers } from './samEsbuildEntries.js';
import { checkServerless, isServerless } from './serverless.js';
import { checkIncludedFunctions, deployedServerless, reportInto } from './serverlessIncludes.js';
import { type RouteParam, routeParams } from './stackRoutes.js';
import { checkStateMachineLoops, isStateMachine } from './stepFunctionLoops.js';
import { checkStateMachineRetriers } from './stepFunctionRetriers.js';
import { checkTerraform } from './terraform.js';
import { tscSourceHandlers, tscSourceStems } from './tscOutDir.js';
import {
  samEnvFunctions,
  samUnreadHandlers,
  serverlessUnreadHandlers,
  type UnreadWiring,
} from './unreadAnswerHandlers.js';
import { loadYaml } from './yamlDocument.js';

/**
 * A real account's resources written into a template: a subnet or security group id, or an ARN with an
 * account id other than LocalStack's 000000000000. Only a deployed stack is wired to them.
 */
const ACCOUNT_BOUND =
  /\b(?:subnet|sg)-[0-9a-f]{8,17}\b|\barn:aws[\w-]*:[\w-]+:[\w-]*:(?!000000000000)\d{12}:/;

export function analyzeIac(file: string, source: string, root?: string): IacResult {
  const candidates: Candidate[] = [];
  const batchOneHandlers: string[] = [];
  const lines = source.split('\n');
  const lineText = (line: number) => (lines[line - 1] ?? '').trim();
  if (file.endsWith('.tf')) {
    const terraform = checkTerraform(
      source,
      (rule, line, message, extra) =>
        candidates.push({ rule, line, column: 1, message, snippet: lineText(line), ...extra }),
      batchOneHandlers,
      file,
      root,
    );
    return { candidates: undecided(candidates, lines), batchOneHandlers, terraform };
  }
  // A serverless.yml's `functions: ${file(...)}` include is checked as that serverless.yml's functions.
  const included = checkIncludedFunctions(
    file,
    source,
    (loaded) => (rule, path, message, extra) => {
      const { line, column } = loaded.locate(path);
      candidates.push({ rule, line, column, message, snippet: loaded.lineText(line), ...extra });
    },
    root,
  );
  if (included !== undefined)
    return {
      candidates: anchor(undecided(candidates, lines), included.serviceDir, true),
      batchOneHandlers,
    };
  // A standalone Amazon States Language definition (`.asl.json`, a YAML one a template reads in).
  if (!mayBeInfrastructure(source)) {
    if (source.includes('StartAt') && source.includes('States')) stateMachine(source, candidates);
    return { candidates, batchOneHandlers };
  }
  if (jsonNotTemplate(file, source)) return { candidates, batchOneHandlers };
  const loaded = loadYaml(source);
  if ('error' in loaded) {
    return /AWS::|AWSTemplateFormatVersion|serverless/.test(source)
      ? { candidates, batchOneHandlers, parseError: loaded.error }
      : { candidates, batchOneHandlers };
  }
  const report: IacReport = (rule, path, message, extra) => {
    const { line, column } = loaded.locate(path);
    candidates.push({ rule, line, column, message, snippet: loaded.lineText(line), ...extra });
  };
  const value = loaded.value as Record<string, unknown>;
  let tool: IacResult['tool'];
  let alarmImports: string[] = [];
  let routes: RouteParam[] = [];
  let eventHandlers: string[] = [];
  let routed: string[] = [];
  let handlers: string[] = [];
  let unread: UnreadWiring = { unread: [], scheduled: [] };
  let envFunctions: [string, string][] = [];
  let byName: NamedHandler[] = [];
  let codeDirs: CodeDir[] = [];
  let onDemandExports: string[] = [];
  let polledQueues: string[] = [];
  if (isServerless(value, file)) {
    tool = 'serverless';
    // As deployed: variables resolved, included functions and resources read (their findings land there).
    const deployed = deployedServerless(file, value, root);
    const config = deployed.config;
    alarmImports = checkServerless(config, reportInto(deployed, file, file, report), batchOneHandlers);
    eventHandlers = serverlessEventHandlers(config);
    routed = serverlessRequestHandlers(config);
    handlers = anchorHandlers(serverlessFunctionHandlers(config), dirname(file));
    unread = serverlessUnreadHandlers(config);
    byName = serverlessNamedHandlers(config);
    batchOneHandlers.push(...serverlessEventHandlers(config, true));
    // As written too: a resolved `${ssm:/path, 'fallback'}` keeps only the fallback.
    polledQueues = serverlessPolledNames(value, config);
  } else if (isCloudFormation(value)) {
    tool = 'sam';
    // Handlers named by esbuild's output are read as the modules they are built from (samEsbuildEntries.ts).
    writeEsbuildSourceHandlers(value as Record<string, Json>);
    // An OpenAPI definition brought in by AWS::Include is read in place, as CloudFormation deploys it.
    includeDefinitions(value as Record<string, Json>, file, root);
    // A `sam package` copy beside its source template repeats its findings where no one edits.
    if (!packagedCopy(value, file)) alarmImports = checkCloudFormation(value, report, [], batchOneHandlers);
    routes = routeParams(value);
    onDemandExports = onDemandTableExports(value);
    codeDirs = codeDirsOf(value, file);
    eventHandlers = samEventHandlers(value);
    const named = samFunctionHandlers(value);
    // As written (relative to a code folder the repository may not hold): kept bare, as handlerJoin.ts reads them.
    handlers = [...anchorHandlers(named.inFolder, dirname(file)), ...named.written];
    unread = samUnreadHandlers(value);
    byName = samNamedHandlers(value as Record<string, Json>);
    envFunctions = samEnvFunctions(value);
    batchOneHandlers.push(...samEventHandlers(value, true));
    polledQueues = templatePolledNames(value as Record<string, Json>);
  }
  return {
    candidates: anchor(undecided(candidates, lines), dirname(file)),
    batchOneHandlers: anchorHandlers(batchOneHandlers, dirname(file)),
    ...(tool !== undefined ? { tool } : {}),
    ...(alarmImports.length > 0 ? { alarmImports } : {}),
    ...(onDemandExports.length > 0 ? { onDemandExports } : {}),
    ...(polledQueues.length > 0 ? { polledQueues } : {}),
    ...(routes.length > 0 ? { routeParams: routes } : {}),
    ...(codeDirs.length > 0 ? { codeDirs } : {}),
    ...(tool !== undefined && ACCOUNT_BOUND.test(source) ? { accountBound: true as const } : {}),
    ...(eventHandlers.length > 0 ? { eventHandlers: anchorHandlers(eventHandlers, dirname(file)) } : {}),
    // A handler naming tsc's output (`dist/jobs/x.handler`) names its source too (tscOutDir.ts).
    ...(unread.unread.length > 0
      ? {
          unreadHandlers: [
            ...anchorHandlers(unread.unread, dirname(file)),
            ...tscSourceHandlers(dirname(file), unread.unread),
          ],
        }
      : {}),
    ...(unread.scheduled.length > 0
      ? { scheduledHandlers: anchorHandlers(unread.scheduled, dirname(file)) }
      : {}),
    ...(handlers.length > 0 ? { handlers } : {}),
    ...(routed.length > 0 ? { requestHandlers: anchorHandlers(routed, dirname(file)) } : {}),
    ...(byName.length > 0
      ? {
          namedHandlers: byName.flatMap(([n, h]) =>
            anchorHandlers([h], dirname(file)).map((a) => [n, a] as const),
          ),
        }
      : {}),
    ...(envFunctions.length > 0
      ? { envFunctions: envFunctions.map(([k, h]) => [k, join(dirname(file), h)] as const) }
      : {}),
  };
}

/** Checks a standalone state machine definition; text that does not parse is no definition. */
function stateMachine(source: string, candidates: Candidate[]): void {
  const loaded = loadYaml(source);
  if ('error' in loaded || !isStateMachine(loaded.value)) return;
  const report: IacReport = (rule, path, message, extra) => {
    const { line, column } = loaded.locate(path);
    candidates.push({ rule, line, column, message, snippet: loaded.lineText(line), ...extra });
  };
  const definition = loaded.value as Parameters<typeof checkStateMachineLoops>[0];
  checkStateMachineLoops(definition, report);
  checkStateMachineRetriers(definition, report);
}

/**
 * `/AWS::|Resources|functions\s*:|"functions"|constructs\s*:/`, asked as plain substring searches first:
 * V8 tries an alternation at every position of the text, and the sniff reads every YAML/JSON file whole.
 */
function mayBeInfrastructure(source: string): boolean {
  return (
    source.includes('AWS::') ||
    source.includes('Resources') ||
    (source.includes('functions') && /functions\s*:|"functions"/.test(source)) ||
    (source.includes('constructs') && /constructs\s*:/.test(source))
  );
}

/**
 * Is this JSON that is no template? JSON.parse reads it a hundred times faster than the YAML parser (a JSON
 * schema of 230 kB that merely names `Resources` cost 0.3 s there), and valid JSON is a YAML document of
 * the same value, so the YAML parse (for its line positions) is kept for templates. Text that is not
 * JSON (YAML, JSON with comments) answers false and takes the YAML path as before.
 */
function jsonNotTemplate(file: string, source: string): boolean {
  if (!/^\s*[[{]/.test(source)) return false;
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch {
    return false;
  }
  return !isServerless(value, file) && !isCloudFormation(value);
}

/** Drops a too-high `maxReceiveCount` whose line says why it was chosen (decidedCount.ts). */
function undecided(candidates: Candidate[], lines: readonly string[]): Candidate[] {
  return candidates.filter((c) => c.maxReceive === undefined || !countDecided(lines, c.line));
}

const BATCH_RULE = 'batch-no-partial-failure';

/**
 * Handler links and code folders are written relative to the template (or its serverless.yml): anchor them
 * at its folder, so a bare `app.handler` names that folder's app module, not every app.ts of a monorepo.
 */
function anchor(candidates: Candidate[], dir: string, included = false): Candidate[] {
  return candidates.map((c) => {
    const env = c.onlyIfEnvInvoked;
    const anchored =
      env === undefined
        ? c
        : {
            ...c,
            onlyIfEnvInvoked: { ...env, under: env.under.map((u) => join(dir, u)), written: env.under },
          };
    return c.handlerLink === undefined
      ? anchored
      : {
          ...anchored,
          handlerLink: {
            ...c.handlerLink,
            // A batch source whose handler names tsc's output also names its source (tscOutDir.ts).
            stems: [
              ...c.handlerLink.stems.map((s) => join(dir, s)),
              ...(c.rule === BATCH_RULE ? tscSourceStems(dir, c.handlerLink.stems) : []),
            ],
            // An included file's packaged code is under its serverless.yml's folder, not its own.
            ...(included && c.handlerLink.packaged !== undefined ? { packagedUnder: dir } : {}),
          },
        };
  });
}
