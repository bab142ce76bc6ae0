// Whether the scan's code under a folder receives from SQS itself (a polling loop, a worker built on
// sqs-consumer): then a queue no Lambda mapping reads may still have a consumer (iac/terraformReceivers.ts).
import { dirname } from 'node:path';
import type { FileOutcome } from './analyzeFile.js';

const RECEIVES =
  /\b(ReceiveMessageCommand|receiveMessage|ReceiveMessage|receive_message)\b|sqs-consumer|nestjs-sqs/;

/** One module of the scan: its path from the root and how to read it. */
export interface CodeFile {
  readonly rel: string;
  readonly text: () => string | undefined;
}

/**
 * Answers, for a Terraform folder (relative to the root), whether code under the folder that holds it
 * (where a repository keeps the functions it deploys) receives from SQS. Files are read once, lazily.
 * @example
 * const receives = codeReceivers(files);
 * receives('infra'); // true when some module of the repository calls ReceiveMessageCommand
 */
export function codeReceivers(files: readonly CodeFile[]): (dir: string) => boolean {
  const known = new Map<string, boolean>();
  const receives = (f: CodeFile): boolean => {
    let answer = known.get(f.rel);
    if (answer === undefined) {
      answer = RECEIVES.test(f.text() ?? '');
      known.set(f.rel, answer);
    }
    return answer;
  };
  return (dir) => {
    const above = dirname(dir);
    const prefix = above === '.' ? '' : `${above}/`;
    return files.some((f) => f.rel.startsWith(prefix) && receives(f));
  };
}

/**
 * The code modules among a scan's outcomes, read from the text a deferred module kept or else from disk.
 * @example
 * codeReceivers(codeFilesOf(outcomes, deferred, readText))
 */
export function codeFilesOf(
  outcomes: readonly FileOutcome[],
  deferred: ReadonlyMap<string, string>,
  read: (path: string) => string | undefined,
): CodeFile[] {
  return outcomes.flatMap((o) =>
    o.kind === 'code'
      ? [{ rel: o.file.rel, text: () => deferred.get(o.facts.file) ?? read(o.file.path) }]
      : [],
  );
}
