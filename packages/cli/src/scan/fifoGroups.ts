// The project pass's answer for FIFO consumers (iac-no-reserved-concurrency): does every message group id
// the application's code writes stay constant? Then each FIFO queue it feeds holds a fixed few groups, and
// Lambda, which runs one batch per group at a time, cannot scale its consumer out with a backlog. The
// application is the package that holds the stack's module (its nearest package.json): producers in other
// packages of a monorepo are not read, and with none seen the finding stays, unless the stack hands the
// queue's URL to code in an environment variable: then the sends reading it, in any package, may settle it
// as constant, but only when the stack's package writes no varying group; any varying one keeps it. A SAM or
// CloudFormation template whose own EventBridge rules write literal groups settles it when the code it
// deploys (its folder and every CodeUri, read wherever they sit) writes no varying group; with none of that
// code readable the finding stays.
import { existsSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import type { Candidate } from './js/Candidate.js';
import { writesMessageGroups } from './js/messageGroups.js';
import type { Project } from './project.js';
import { readSource } from './readSource.js';

const answers = new WeakMap<Project, Map<string, boolean | undefined>>();
const scans = new WeakMap<Project, Map<string, { seen: boolean; varying: boolean; read: number }>>();

/** The folder of the nearest package.json above `file`, not above the scan's root. */
function packageDir(file: string, root: string | undefined): string | undefined {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dir === root || dirname(dir) === dir) return undefined;
  }
}

/**
 * Do the sends that read the queue's URL from one of `env` (`QueueUrl: process.env.EXPORT_QUEUE_URL`), in
 * any package of the project, all write a constant group? A module that spells one of the names and writes
 * a varying group to a queue the scan cannot name (`const { X } = process.env`, a config object) counts as
 * varying. Undefined when no module sends that way. Read once per set of names.
 */
function envGroupsConstant(project: Project, env: readonly string[]): boolean | undefined {
  const known = answers.get(project) ?? new Map<string, boolean | undefined>();
  answers.set(project, known);
  const key = `env\u0000${[...env].sort().join('\u0000')}`;
  if (known.has(key)) return known.get(key);
  let answer: boolean | undefined;
  for (const f of [...project.files]) {
    const text = project.deferred.get(f);
    if (text !== undefined && !(writesMessageGroups(text) && env.some((e) => text.includes(e)))) continue;
    const groups = project.factsOf(f)?.messageGroups;
    const kinds = env.map((e) => groups?.envQueues?.[e]);
    const spells = groups?.any === 'varying' && env.some((e) => (text ?? readSource(f) ?? '').includes(e));
    if (kinds.includes('varying') || spells) {
      answer = false;
      break;
    }
    if (kinds.includes('constant')) answer = true;
  }
  known.set(key, answer);
  return answer;
}

/**
 * What the modules under `dirs` write as message group ids: `seen` any, `varying` one that varies, `read`
 * how many modules were found there at all. With an SST queue's id, writes naming another SST queue are
 * left out. A deferred module is analysed only when its text writes a group. Read once per set of folders.
 */
function groupsUnder(
  project: Project,
  dirs: readonly string[],
  sstQueue?: string,
): { seen: boolean; varying: boolean; read: number } {
  const known = scans.get(project) ?? new Map<string, { seen: boolean; varying: boolean; read: number }>();
  scans.set(project, known);
  const key = `${[...dirs].sort().join('\u0000')}\u0001${sstQueue ?? ''}`;
  const cached = known.get(key);
  if (cached !== undefined) return cached;
  const out = { seen: false, varying: false, read: 0 };
  for (const f of [...project.files]) {
    if (!dirs.some((d) => f.startsWith(d + sep))) continue;
    out.read++;
    const text = project.deferred.get(f);
    if (text !== undefined && !writesMessageGroups(text)) continue;
    const groups = project.factsOf(f)?.messageGroups;
    if (groups === undefined) continue;
    const queues = groups.sstQueues ?? {};
    const kinds = [
      groups.any,
      ...(sstQueue === undefined ? Object.values(queues) : [queues[sstQueue]]),
    ].filter((k) => k !== undefined);
    out.seen ||= kinds.length > 0;
    out.varying ||= kinds.includes('varying');
  }
  known.set(key, out);
  return out;
}

/**
 * Does some module of `file`'s package write a message group id, and every one a constant? With an SST
 * queue's id, writes that name another SST queue are left out. With `env`, the names of environment
 * variables the stack hands the queue's URL in, the sends reading them (envGroupsConstant) answer instead
 * when they all write a constant and the package writes no varying group; any varying one answers false.
 * With `fifo.fifoGroupsWritten`, the template's own producers write constant groups to the queue: then it
 * is enough that the code the template deploys (`fifoCodeDirs`, its package's too) writes no varying one,
 * and some of that code must have been read.
 */
export function messageGroupsConstant(
  project: Project,
  file: string,
  sstQueue?: string,
  fifo?: Pick<Candidate, 'fifoQueueEnv' | 'fifoGroupsWritten' | 'fifoCodeDirs'>,
): boolean {
  const env = fifo?.fifoQueueEnv;
  const byEnv = env !== undefined && env.length > 0 ? envGroupsConstant(project, env) : undefined;
  if (byEnv === false) return false;
  const dir = packageDir(file, project.rootDir);
  if (fifo?.fifoGroupsWritten === 'constant') {
    // The template's folder and CodeUri folders, wherever its package.json files sit (a SAM app keeps one
    // per function, beside its code, and none beside the template).
    const code = (fifo.fifoCodeDirs ?? ['.']).map((d) => resolve(dirname(file), d));
    const under = groupsUnder(project, dir !== undefined ? [dir, ...code] : code, sstQueue);
    return under.read > 0 && !under.varying;
  }
  if (dir === undefined) return byEnv === true;
  const { seen, varying } = groupsUnder(project, [dir], sstQueue);
  // The env answer settles a constant queue only when the package writes no varying group either.
  return byEnv === true ? !varying : seen && !varying;
}
