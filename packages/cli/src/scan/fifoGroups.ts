// The project pass's answer for FIFO consumers (iac-no-reserved-concurrency): does every message group id
// the application's code writes stay constant? Then each FIFO queue it feeds holds a fixed few groups, and
// Lambda, which runs one batch per group at a time, cannot scale its consumer out with a backlog. The
// application is the package that holds the stack's module (its nearest package.json): producers in other
// packages of a monorepo are not read, and with none seen the finding stays, unless the stack hands the
// queue's URL to code in an environment variable: then the sends reading it, in any package, decide.
import { existsSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { writesMessageGroups } from './js/messageGroups.js';
import type { Project } from './project.js';

const answers = new WeakMap<Project, Map<string, boolean>>();

/** The folder of the nearest package.json above `file`, not above the scan's root. */
function packageDir(file: string, root: string | undefined): string | undefined {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dir === root || dirname(dir) === dir) return undefined;
  }
}

/**
 * Do the sends that read the queue's URL from one of `env` (`QueueUrl: process.env.EXPORT_QUEUE_URL`), in
 * any package of the project, all write a constant group? Undefined when no module sends that way: then
 * the package's writes decide.
 */
function envGroupsConstant(project: Project, env: readonly string[]): boolean | undefined {
  let seen = false;
  for (const f of [...project.files]) {
    const text = project.deferred.get(f);
    if (text !== undefined && !(writesMessageGroups(text) && env.some((e) => text.includes(e)))) continue;
    const kinds = env.map((e) => project.factsOf(f)?.messageGroups?.envQueues?.[e]);
    if (kinds.includes('varying')) return false;
    seen ||= kinds.includes('constant');
  }
  return seen ? true : undefined;
}

/**
 * Does some module of `file`'s package write a message group id, and every one a constant? With an SST
 * queue's id, writes that name another SST queue are left out. A deferred module is analysed for it only
 * when its text writes one.
 */
export function messageGroupsConstant(
  project: Project,
  file: string,
  sstQueue?: string,
  env?: readonly string[],
): boolean {
  const byEnv = env !== undefined && env.length > 0 ? envGroupsConstant(project, env) : undefined;
  if (byEnv !== undefined) return byEnv;
  const dir = packageDir(file, project.rootDir);
  if (dir === undefined) return false;
  const known = answers.get(project) ?? new Map<string, boolean>();
  answers.set(project, known);
  const key = `${dir}\u0000${sstQueue ?? ''}`;
  let answer = known.get(key);
  if (answer === undefined) {
    let seen = false;
    let varying = false;
    for (const f of [...project.files]) {
      if (!f.startsWith(dir + sep)) continue;
      const text = project.deferred.get(f);
      if (text !== undefined && !writesMessageGroups(text)) continue;
      const groups = project.factsOf(f)?.messageGroups;
      if (groups === undefined) continue;
      const queues = groups.sstQueues ?? {};
      const kinds = [
        groups.any,
        ...(sstQueue === undefined ? Object.values(queues) : [queues[sstQueue]]),
      ].filter((k) => k !== undefined);
      seen ||= kinds.length > 0;
      varying ||= kinds.includes('varying');
    }
    answer = seen && !varying;
    known.set(key, answer);
  }
  return answer;
}
