// retry-unbounded in an Amazon States Language definition: a Wait state whose path leads back to itself is a
// polling or retry loop. The language bounds a loop only by what the definition says: the machine's (or an
// enclosing Parallel/Map state's) `TimeoutSeconds`/`TimeoutSecondsPath`, or a Choice on the loop that compares
// a number (`NumericGreaterThan` and kin: an attempt counter). Without either, an execution goes round until
// Step Functions' own limits (a year, 25,000 history events), calling the loop's tasks every round.
import type { IacReport } from './IacResult.js';

type States = Record<string, Record<string, unknown>>;

/** Is `value` a state machine definition (`StartAt` and a `States` map)? */
export function isStateMachine(value: unknown): value is { States: States } {
  const v = value as Record<string, unknown> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.StartAt === 'string' &&
    typeof v.States === 'object' &&
    v.States !== null
  );
}

/** Every state a state hands over to: `Next`, each Choice rule's `Next`, `Default`, each Catcher's `Next`. */
function successors(state: Record<string, unknown>): string[] {
  const out: string[] = [];
  const add = (n: unknown) => typeof n === 'string' && out.push(n);
  add(state.Next);
  add(state.Default);
  for (const list of [state.Choices, state.Catch])
    if (Array.isArray(list)) for (const r of list) add((r as Record<string, unknown>)?.Next);
  return out;
}

/** The states reachable from `from` (not counting `from` unless a path leads back to it). */
function reachable(states: States, from: string): Set<string> {
  const seen = new Set<string>();
  const stack = successors(states[from] ?? {});
  while (stack.length > 0) {
    const s = stack.pop() as string;
    if (seen.has(s) || states[s] === undefined) continue;
    seen.add(s);
    stack.push(...successors(states[s]));
  }
  return seen;
}

/** A Choice state that compares a number: the documented way to count attempts. */
function countsAttempts(state: Record<string, unknown>): boolean {
  return state.Type === 'Choice' && /"Numeric|\$states\.input\.\w*[<>]/.test(JSON.stringify(state.Choices));
}

const timed = (s: Record<string, unknown>) =>
  s.TimeoutSeconds !== undefined || s.TimeoutSecondsPath !== undefined;

function checkStates(states: States, bounded: boolean, path: (string | number)[], report: IacReport): void {
  for (const [name, state] of Object.entries(states)) {
    if (typeof state !== 'object' || state === null) continue;
    const inner = bounded || timed(state);
    if (Array.isArray(state.Branches))
      state.Branches.forEach((b, i) => {
        if (isStateMachine(b)) checkStates(b.States, inner, [...path, name, 'Branches', i, 'States'], report);
      });
    for (const key of ['Iterator', 'ItemProcessor'])
      if (isStateMachine(state[key]))
        checkStates((state[key] as { States: States }).States, inner, [...path, name, key, 'States'], report);
    if (bounded || state.Type !== 'Wait') continue;
    const after = reachable(states, name);
    if (!after.has(name)) continue;
    // The loop: the states after the Wait that lead back to it.
    const loop = [...after].filter((s) => s === name || reachable(states, s).has(name));
    if (loop.some((s) => countsAttempts(states[s] ?? {}))) continue;
    report(
      'retry-unbounded',
      [...path, name, 'Next'],
      `Wait state "${name}" loops back with no attempt counter and no TimeoutSeconds: the execution retries until Step Functions' own limits`,
    );
  }
}

/** Reports each unbounded Wait loop of a state machine definition. */
export function checkStateMachineLoops(
  value: { States: States } & Record<string, unknown>,
  report: IacReport,
): void {
  checkStates(value.States, timed(value), ['States'], report);
}
