// The project pass's answer to swallowed-error's question "does anyone read this handler's answer?": a
// template wires the handler to a schedule, a queue or an asynchronous source (TemplateWiring
// isAnswerUnread), or, for a handler deployed where no template here describes it, its own code reads such
// an event and no template routes it to HTTP (js/answerlessEvent.ts, Candidate.orIfEventUnrouted).
import type { Candidate } from './js/Candidate.js';
import type { Project } from './project.js';

/**
 * The candidate asks for an unread answer (`onlyIfAnswerUnread`) and none of its handlers has one: no
 * template wires them to an invoker that reads no answer, and their code does not show such an event (or a
 * template routes them to HTTP).
 *
 * @example answerUnreadUnmet(project, 'src/worker.ts', { onlyIfAnswerUnread: ['handler'], ... }) // false when wired to SQS
 */
export function answerUnreadUnmet(project: Project, file: string, c: Candidate): boolean {
  const names = c.onlyIfAnswerUnread;
  if (names === undefined || names.some((name) => project.isAnswerUnread(file, name))) return false;
  return c.orIfEventUnrouted !== true || names.some((name) => project.isRouted(file, name));
}

/**
 * A handler returns the answer of one of `names` (defined in `file`) as its own, and a template wires it to
 * a schedule or an asynchronous source, which reads no answer (rules/handlerReturns.ts).
 */
export function returnedUnread(project: Project, file: string, names: readonly string[]): boolean {
  return project.importerUses
    .returnedByHandlers(file, names)
    .some(([handlerFile, handlers]) => handlers.some((h) => project.isAnswerUnread(handlerFile, h)));
}
