// `scan()`: discover files, analyse them (in worker threads when there are many), settle cross-file
// findings, apply ignore comments and rule levels, and return sorted findings.

import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { analyzeFile, type FileOutcome } from './analyzeFile.js';
import { batchTwins, codeBatchMessage, NO_TWINS } from './batchTwins.js';
import { projectMessage } from './candidateMessage.js';
import { ruleInfo } from './catalog.js';
import { codeFilesOf, codeReceivers } from './codeReceivers.js';
import { confidenceOf } from './confidence.js';
import { loadScanConfig } from './config.js';
import { absolutePath, discover } from './discover.js';
import { withoutDoubleReports } from './doubleReports.js';
import { byReportOrder, type Finding, type ScanProblem, type ScanResult, severityRank } from './Finding.js';
import { messageGroupsConstant } from './fifoGroups.js';
import { httpClientCallers } from './httpClientCallers.js';
import { batchOneSourceHandlers } from './iac/buildEntries.js';
import { nonProductionCode } from './iac/codeDirs.js';
import { localCdkModules } from './iac/localCdkApps.js';
import { localTemplateReasons } from './iac/localTemplates.js';
import { alarmedElsewhere } from './iac/stackExports.js';
import { routedElsewhere } from './iac/stackRoutes.js';
import { terraformBatchOneHandlers, terraformMappingHandlers } from './iac/terraformHandlers.js';
import { terraformProject } from './iac/terraformModules.js';
import { ignoredBy } from './ignoreDirectives.js';
import type { Candidate, ModuleFacts } from './js/Candidate.js';
import { judgedOrProblem, projectPassEach, projectPassOr } from './judgeGuard.js';
import { Project } from './project.js';
import { type ScanOptions, ScanUsageError } from './scanOptions.js';
import { withTemplateHandlers } from './templateNamedHandlers.js';
import { readText } from './textFile.js';
import { findTwins } from './twins.js';
import { terraformFilesOf, wireTemplates } from './wireTemplates.js';
import { analyzeInWorkers, workerAvailable } from './workerPool.js';
import { Workspaces } from './workspaces.js';

export { type ScanOptions, ScanUsageError } from './scanOptions.js';

import { batchCallerCandidates, settleWrapperBuilders } from './wrapperCalls.js';

/**
 * Scans files and directories for missing hardening and resolves to the findings, sorted by severity.
 * @example
 * const result = await scan({ root: process.cwd(), paths: ['src', 'template.yaml'] });
 * for (const f of result.findings) console.log(`${f.file}:${f.line} ${f.rule}`);
 */
export async function scan(options: ScanOptions = {}): Promise<ScanResult> {
  const started = performance.now();
  const root = resolve(options.root ?? process.cwd());
  let rootStat: ReturnType<typeof statSync> | undefined;
  try {
    rootStat = statSync(root);
  } catch {
    rootStat = undefined;
  }
  if (rootStat === undefined || !rootStat.isDirectory())
    throw new ScanUsageError(`root ${JSON.stringify(root)} is not a directory that exists`);
  const paths = (options.paths !== undefined && options.paths.length > 0 ? options.paths : [root]).map((p) =>
    absolutePath(root, p),
  );
  const config = typeof options.config === 'object' ? options.config : loadScanConfig(root, options.config);
  const found = discover(root, paths, config);
  if (found.missing.length > 0)
    throw new ScanUsageError(`path not found: ${found.missing.map((m) => JSON.stringify(m)).join(', ')}`);

  const total = found.files.length;
  let done = 0;
  const tick = (n: number) => {
    done += n;
    options.onProgress?.(done, total);
  };
  // Measured on 2 shared cores: worker threads were slower than one thread (each pays the parser's
  // warm-up), so they are only used by default where there are cores to spare.
  const cores = availableParallelism();
  const workerCount = options.workers ?? (total > 500 && cores > 2 ? Math.min(cores - 1, 4) : 0);
  let outcomes: FileOutcome[];
  if (workerCount > 1 && workerAvailable()) outcomes = await analyzeInWorkers(found.files, workerCount, tick);
  else {
    outcomes = [];
    for (const file of found.files) {
      outcomes.push(analyzeFile(file));
      if (++done % 50 === 0 || done === total) options.onProgress?.(done, total);
    }
  }

  const terraformFiles = terraformFilesOf(outcomes);
  // Exports only a template names as handlers (`export default` of `Handler: x.default`): analysed again
  // with those names, before any finding is read.
  const problems: ScanProblem[] = [...found.problems];
  // Each project-wide pass below is guarded: a throw costs what the pass knows, said in problems, not the scan.
  const pass = <T>(name: string, fallback: T, run: () => T): T =>
    projectPassOr(name, problems, fallback, run);
  const given = outcomes;
  outcomes = pass('template handler names', given, () =>
    withTemplateHandlers(given, terraformFiles, readText),
  );
  const modules: ModuleFacts[] = [];
  const batchOne: string[] = [];
  const deferred = new Map<string, string>();
  const templateOutcomes: Extract<FileOutcome, { kind: 'iac' }>[] = [];
  for (const o of outcomes) {
    if (o.kind === 'problem') problems.push({ file: o.file.rel, kind: o.problem, message: o.message });
    else if (o.kind === 'code') {
      modules.push(o.facts);
      if (o.source !== undefined) deferred.set(o.facts.file, o.source);
    } else {
      batchOne.push(...o.result.batchOneHandlers);
      templateOutcomes.push(o);
    }
  }
  // A handler named by its built module is also its source module (iac/buildEntries.ts, tscOutDir.ts).
  const sourcesOf = (o: (typeof templateOutcomes)[number]) =>
    batchOneSourceHandlers(dirname(o.file.path), o.result.batchOneHandlers, readText);
  batchOne.push(
    ...projectPassEach('batch-one sources', problems, templateOutcomes, (o) => o.file.rel, sourcesOf),
  );
  const tfCode = terraformFiles.map((f) => ({ rel: f.rel, dir: f.dir, facts: f.facts.code }));
  batchOne.push(...pass('terraform batch sizes', [], () => terraformBatchOneHandlers(tfCode)));
  const project = new Project(modules, batchOne, new Workspaces(root), deferred);
  pass('wrapper builders', undefined, () => settleWrapperBuilders(project));
  const mappings = pass('terraform mappings', new Map<string, string[]>(), () =>
    terraformMappingHandlers(tfCode),
  );
  pass('template wiring', undefined, () =>
    wireTemplates(project.wiring, outcomes, terraformFiles, mappings, project.invokedFunctions),
  );
  const terraform = pass(
    'terraform modules',
    (_dir: string, c: Candidate): Candidate | undefined => c,
    () =>
      terraformProject(
        terraformFiles,
        codeReceivers(codeFilesOf(outcomes, deferred, readText)),
        // Queues a serverless.yml's or SAM template's functions poll, by the names Terraform declares them under.
        outcomes.flatMap((o) => (o.kind === 'iac' ? (o.result.polledQueues ?? []) : [])),
      ),
  );
  const batchPairs = pass('batch twins', NO_TWINS, () => batchTwins(outcomes, project, mappings));
  // Templates only `sam local` or `serverless offline` runs, CDK apps only `cdklocal` runs: findings held back.
  const templates = outcomes.flatMap((o) => (o.kind === 'iac' ? [{ rel: o.file.rel, ...o.result }] : []));
  const localOnly =
    config.localTemplates === 'report'
      ? new Map<string, string>()
      : pass(
          'local-only templates',
          new Map<string, string>(),
          () =>
            new Map([
              ...localCdkModules(root, found.files, modules, project),
              ...localTemplateReasons(root, templates),
            ]),
        );
  const settledByAlarm = pass(
    'alarms elsewhere',
    () => false,
    () => alarmedElsewhere(templates),
  );
  const onDemand = new Set(templates.flatMap((t) => t.onDemandExports ?? []));
  /** A consumer whose only tables are imported ones, all on demand where exported: nothing to flood. */
  const absorbedElsewhere = (c: Candidate) => c.onDemandImports?.every((name) => onDemand.has(name)) === true;
  // Code only a non-production template's functions run (a test harness's, a stub's): not judged.
  const codeDirs = templates.flatMap((t) => t.codeDirs ?? []);
  const offProduction = pass(
    'non-production code',
    () => false,
    () => nonProductionCode(codeDirs, root),
  );
  const routed = pass(
    'routes elsewhere',
    () => true,
    () => routedElsewhere(templates),
  );
  /** A finding before its confidence is known, and whether it reports less than its rule's severity. */
  type Draft = Omit<Finding, 'confidence'> & {
    readonly lowered: boolean;
    readonly unread?: true;
    readonly chainEnd?: { readonly line: number; readonly column: number };
  };
  const drafts: Draft[] = [];
  const ignoredDrafts: (Draft & { reason: string; localOnly?: true })[] = [];
  // Read once, before any module's findings: factsOf() below may analyse more modules, and a deferred module
  // handled early must not be judged with a different answer than one handled late (modules that build a
  // wrapper mention SqsEventSource and are never deferred, js/ruleGate.ts `eager`, so nothing is lost).
  const judgeDeferred = project.hasEventSourceWrappers;
  for (const o of outcomes) {
    if (o.kind === 'problem') continue;
    // A file's drafts land only when its whole judging ran: a throw costs this file, listed in problems.
    const judgedHere: { drafts: Draft[]; ignored: typeof ignoredDrafts } = { drafts: [], ignored: [] };
    const judged = judgedOrProblem(o.file.rel, problems, () => {
      // Calls of a project's batch wrapper, in any module (analysed only once the project has one).
      const batchCallers = o.kind === 'code' ? batchCallerCandidates(project, o.facts.file) : [];
      // Requests through an HTTP library another module hands on (httpClientCallers.ts).
      const clientCalls = o.kind === 'code' ? httpClientCallers(project, o.facts.file) : [];
      // A deferred module can hold a candidate only where it builds a project's SqsEventSource wrapper.
      const facts =
        o.kind !== 'code'
          ? undefined
          : o.facts.deferred === true && judgeDeferred
            ? (project.factsOf(o.facts.file) ?? o.facts)
            : o.facts;
      const candidates =
        facts !== undefined
          ? [
              ...facts.candidates.filter(
                (c) =>
                  !batchPairs.mergedIntoCode(c, o.file.rel) &&
                  !batchPairs.bisectedOnly(o.file.path, c) &&
                  (c.onlyIfServesHandlers === undefined || batchPairs.servedBy(o.file.path, c).length > 0),
              ),
              ...batchCallers,
              ...clientCalls,
            ]
          : o.kind === 'iac'
            ? o.result.candidates.flatMap((c) =>
                batchPairs.mergedIntoCode(c, o.file.rel) ||
                settledByAlarm(c) ||
                absorbedElsewhere(c) ||
                (c.onlyIfMessageGroupsVary === true &&
                  messageGroupsConstant(project, o.file.path, undefined, c)) ||
                project.handlerSettles(c) ||
                !routed(c)
                  ? []
                  : (terraform(dirname(o.file.rel), c) ?? []),
              )
            : [];
      const directives = facts !== undefined ? facts.ignores : o.kind === 'iac' ? o.ignores : [];
      if (o.kind === 'code' && offProduction(o.file.path)) return;
      for (const c of candidates) {
        if (o.kind === 'code' && !project.keep(o.file.path, c)) continue;
        const level = config.rules.get(c.rule);
        if (level === 'off') continue;
        let message = o.kind === 'code' ? codeBatchMessage(batchPairs, root, o.file.path, c) : c.message;
        if (c.maxReceive !== undefined) {
          const limit = config.maxReceiveCount[c.maxReceive.consumer];
          if (c.maxReceive.count <= limit) continue;
          message = message.replace('{limit}', String(limit));
        }
        const filled = projectMessage(project, c, message);
        message = filled.message;
        const own = ruleInfo(c.rule).severity;
        const draft: Draft = {
          rule: c.rule,
          severity: level ?? c.severity ?? own,
          file: o.file.rel,
          line: c.line,
          column: c.column,
          message,
          snippet: c.snippet,
          lowered: c.severity !== undefined && severityRank(c.severity) > severityRank(own),
          ...(c.chainEnd !== undefined ? { chainEnd: c.chainEnd } : {}),
          ...(filled.unread ? { unread: true as const } : {}),
        };
        const directive = ignoredBy(directives, c);
        const local = localOnly.get(o.file.rel);
        if (directive !== undefined) judgedHere.ignored.push({ ...draft, reason: directive.reason });
        else if (local !== undefined) judgedHere.ignored.push({ ...draft, reason: local, localOnly: true });
        else judgedHere.drafts.push(draft);
      }
    });
    if (!judged) continue;
    drafts.push(...judgedHere.drafts);
    ignoredDrafts.push(...judgedHere.ignored);
  }
  // One defect reported by two rules keeps the one readers choose (doubleReports.ts).
  const kept = withoutDoubleReports(drafts);
  kept.sort(byReportOrder);
  const twins = findTwins(kept);
  const settle = (d: Draft): Finding => {
    const { lowered, unread, chainEnd: _end, ...f } = d;
    return {
      ...f,
      confidence: confidenceOf(f.rule, { lowered, twinned: twins.has(d), unread: unread === true }),
    };
  };
  const findings = kept.map(settle);
  const ignored = ignoredDrafts.map(({ localOnly: local, ...d }) => ({
    ...settle(d),
    reason: d.reason,
    ...(local ? { localOnly: local } : {}),
  }));
  return {
    root,
    findings,
    problems,
    ignored,
    filesScanned: total,
    durationMs: performance.now() - started,
  };
}
