// retry-unbounded in an Amazon States Language definition: a Wait state whose path leads back to itself is a
// polling or retry loop. The language bounds a loop only by what the definition says: the machine's (or an
// enclosing Parallel/Map state's) `TimeoutSeconds`/`TimeoutSecondsPath`, or a Choice on the loop that compares
// a number (`NumericGreaterThan` and kin: an attempt counter). Without either, an execution goes round until
// Step Functions' own limits (a year, 25,000 history events), calling the loop's tasks every round.
import type { IacReport } from './IacResult.js';

/**
 * A definition's `States` map: each state's name and its fields.
 *
 * @example
 * const states: States = { Poll: { Type: 'Wait', Seconds: 30, Next: 'Check' } };
 */
export type States = Record<string, Record<string, unknown>>;

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

/**
 * Does a state's own `TimeoutSeconds` (or `TimeoutSecondsPath`) bound it?
 *
 * @example
 * timed({ Type: 'Parallel', TimeoutSeconds: 300 }); // true
 */
export const timed = (s: Record<string, unknown>) =>
  s.TimeoutSeconds !== undefined || s.TimeoutSecondsPath !== undefined;

/**
 * Visits every state of a definition and of its Parallel branches and Map iterators, each with whether a
 * `TimeoutSeconds` above it bounds it; `boundsInner(state)` says whether a state's own timeout bounds the
 * states it holds (a Parallel's or Map's does; a Task's bounds one attempt only).
 *
 * @example
 * walkStates(def.States, timed(def), ['States'], timed, (name, state, bounded) => console.log(name, bounded));
 */
export function walkStates(
  states: States,
  bounded: boolean,
  path: (string | number)[],
  boundsInner: (state: Record<string, unknown>) => boolean,
  visit: (
    name: string,
    state: Record<string, unknown>,
    bounded: boolean,
    path: (string | number)[],
    states: States,
  ) => void,
): void {
  for (const [name, state] of Object.entries(states)) {
    if (typeof state !== 'object' || state === null) continue;
    const inner = bounded || boundsInner(state);
    if (Array.isArray(state.Branches))
      state.Branches.forEach((b, i) => {
        if (isStateMachine(b))
          walkStates(b.States, inner, [...path, name, 'Branches', i, 'States'], boundsInner, visit);
      });
    for (const key of ['Iterator', 'ItemProcessor'])
      if (isStateMachine(state[key]))
        walkStates(
          (state[key] as { States: States }).States,
          inner,
          [...path, name, key, 'States'],
          boundsInner,
          visit,
        );
    visit(name, state, bounded, path, states);
  }
}

function checkWait(
  name: string,
  state: Record<string, unknown>,
  bounded: boolean,
  path: (string | number)[],
  states: States,
  report: IacReport,
): void {
  if (bounded || state.Type !== 'Wait') return;
  const after = reachable(states, name);
  if (!after.has(name)) return;
  // The loop: the states after the Wait that lead back to it.
  const loop = [...after].filter((s) => s === name || reachable(states, s).has(name));
  if (loop.some((s) => countsAttempts(states[s] ?? {}))) return;
  report(
    'retry-unbounded',
    [...path, name, 'Next'],
    `Wait state "${name}" loops back with no attempt counter and no TimeoutSeconds: the execution retries until Step Functions' own limits`,
  );
}

/** Reports each unbounded Wait loop of a state machine definition. */
export function checkStateMachineLoops(
  value: { States: States } & Record<string, unknown>,
  report: IacReport,
): void {
  walkStates(value.States, timed(value), ['States'], timed, (name, state, bounded, path, states) =>
    checkWait(name, state, bounded, path, states, report),
  );
}
