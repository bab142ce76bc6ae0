// One finding per batch consumer: a handler that builds no batchItemFailures is usually also wired by an
// event source without ReportBatchItemFailures, and the template and the code would each report it. The
// scan reports it once, at the handler's code (where the change starts: the handler must answer which
// records failed before the template's setting means anything), and names the template in the message.
// A template finding whose handler's code is not in the scan, or is not reported (it does answer
// batchItemFailures: the template setting alone is missing), stays where it is.
import type { FileOutcome } from './analyzeFile.js';
import type { Candidate } from './js/Candidate.js';
import type { Project } from './project.js';

const RULE = 'batch-no-partial-failure';
const stemOf = (file: string) => file.replace(/\\/g, '/').replace(/\.[cm]?[jt]sx?$/, '');

/** Template findings merged into their handler's code finding, both ways. */
export interface BatchTwins {
  /** Drops a template finding whose handler's code reports the same consumer. */
  readonly mergedIntoCode: (c: Candidate) => boolean;
  /** The template files that wire this code finding's handler without partial batch responses. */
  readonly templatesOf: (file: string, c: Candidate) => readonly string[];
}

export function batchTwins(outcomes: readonly FileOutcome[], project: Project): BatchTwins {
  const linked = new Map<string, string[]>();
  for (const o of outcomes) {
    if (o.kind !== 'iac') continue;
    for (const c of o.result.candidates) {
      const link = c.handlerLink;
      if (c.rule !== RULE || link?.clearWhen !== 'reported-in-code') continue;
      for (const stem of link.stems) {
        const key = `${stemOf(stem)}#${link.export}`;
        linked.set(key, [...(linked.get(key) ?? []), o.file.rel]);
      }
    }
  }
  const reported = new Set<string>();
  if (linked.size > 0)
    for (const o of outcomes) {
      if (o.kind !== 'code') continue;
      for (const c of o.facts.candidates) {
        if (c.rule !== RULE || c.handlerExports === undefined) continue;
        const keys = c.handlerExports.map((name) => `${stemOf(o.facts.file)}#${name}`);
        if (keys.some((key) => linked.has(key)) && project.keep(o.file.path, c))
          for (const key of keys) reported.add(key);
      }
    }
  return {
    mergedIntoCode: (c) =>
      c.rule === RULE &&
      c.handlerLink?.clearWhen === 'reported-in-code' &&
      c.handlerLink.stems.some((s) => reported.has(`${stemOf(s)}#${c.handlerLink?.export}`)),
    templatesOf: (file, c) => {
      if (c.rule !== RULE || c.handlerExports === undefined) return [];
      const keys = c.handlerExports.map((name) => `${stemOf(file)}#${name}`);
      return [...new Set(keys.filter((key) => reported.has(key)).flatMap((key) => linked.get(key) ?? []))];
    },
  };
}
