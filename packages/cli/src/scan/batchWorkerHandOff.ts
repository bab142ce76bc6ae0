// A thin batch handler that hands its whole event to a worker of another module and drops its answer
// (`export const handle = async (event, _ctx, done) => { await handleEvent(event, work); done(); }`), in
// several modules that all call one worker: the worker's loop is where the batch's answer is decided, so
// the one finding is the worker's, not one more at every handler that only hands the event on. Its event
// sources' findings stay merged away (batchTwins.ts): the worker's finding answers for them.
import type { Candidate } from './js/Candidate.js';
import type { EventTaker } from './js/eventTakers.js';
import type { Project } from './project.js';

const RULE = 'batch-no-partial-failure';

/** The worker a thin handler's finding defers to: its module and the export it hands the event to. */
export interface BatchWorker {
  readonly file: string;
  readonly name: string;
}

/**
 * Does this handler's finding only repeat its worker's? Each handler export it stands for only hands its
 * batch on (HandlerFact.delegatesBatch: no record named, no answer of their own), drops the answer of a
 * function it hands the event to, and that function keeps a batch finding of its own (as a typed batch
 * handler or a shared batch loop). The answer is that worker, else undefined.
 *
 * @example
 * batchWorkerOf(project, '/app/src/main.ts', candidate) // { file: '/app/src/handler/eventHandler.ts', name: 'handleEvent' }
 */
export function batchWorkerOf(project: Project, file: string, c: Candidate): BatchWorker | undefined {
  if (c.rule !== RULE || c.handlerExports === undefined || c.handlerExports.length === 0) return undefined;
  const handlers = project.factsOf(file)?.handlers;
  let worker: BatchWorker | undefined;
  for (const name of c.handlerExports) {
    const fact = handlers?.[name];
    if (fact?.delegatesBatch !== true) return undefined;
    const found = (fact.passesEvent ?? []).find((t) => t.discarded === true && reported(project, file, t));
    if (found === undefined) return undefined;
    worker ??= {
      file: found.source === '' ? file : (project.resolveModule(file, found.source) ?? file),
      name: found.name,
    };
  }
  return worker;
}

/** Is this handler's finding its worker's (batchWorkerOf)? keepCandidate.ts drops it then. */
export const handsBatchToWorker = (project: Project, file: string, c: Candidate): boolean =>
  batchWorkerOf(project, file, c) !== undefined;

/** Handler modules being asked about, so that two thin handlers handing to each other end the climb. */
const asking = new Set<string>();

/** Is the function a handler of `file` hands its event to reported for the batch in its own right? */
function reported(project: Project, file: string, t: EventTaker): boolean {
  const target = t.source === '' ? file : project.resolveModule(file, t.source);
  const facts = target === undefined ? undefined : project.factsOf(target);
  if (target === undefined || facts === undefined || asking.has(file)) return false;
  asking.add(file);
  try {
    return facts.candidates.some(
      (w) =>
        w.rule === RULE &&
        ((w.handlerExports ?? []).includes(t.name) || (w.onlyIfServesHandlers ?? []).includes(t.name)) &&
        project.keep(target, w),
    );
  } finally {
    asking.delete(file);
  }
}
