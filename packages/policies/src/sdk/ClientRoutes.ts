// Which dependency each command of one client runs through: the whole client for one dependency (the
// default), or a per-command mapping several dependencies share. Kept per middleware stack, since a
// DynamoDBDocumentClient shares its base client's stack.

import type { ExecuteContext } from '../Dependency.js';
import type { SINGLE_ATTEMPT } from '../options/singleAttempt.js';

/** What `protect` needs of the dependency: its name and `execute` (with the chain's internal options). */
export interface ProtectTarget {
  readonly name: string;
  execute<T>(
    fn: (context: ExecuteContext) => Promise<T>,
    options?: { readonly signal?: AbortSignal; readonly [SINGLE_ATTEMPT]?: true },
  ): Promise<unknown>;
}

/** The routes of one client. */
export class ClientRoutes {
  /** Set when one dependency protects every command. */
  #all: ProtectTarget | undefined;
  readonly #byCommand = new Map<string, ProtectTarget>();

  /** The route for a send, or the message of the TypeError that refuses it. */
  routeFor(commandName: unknown): ProtectTarget | string {
    if (this.#all !== undefined) return this.#all;
    // Stryker disable next-line ConditionalExpression: the map holds only strings, so get() of a non-string is undefined too
    const route = typeof commandName === 'string' ? this.#byCommand.get(commandName) : undefined;
    if (route !== undefined) return route;
    const mapped = [...this.#byCommand].map(([command, target]) => `${command} -> '${target.name}'`);
    return `${String(commandName)} is not mapped to a dependency on this protected client (mapped: ${mapped.join(', ')}); add it to one dependency's protect(client, { commands })`;
  }

  /** Why `target` cannot take these commands, or undefined (nothing is recorded then). */
  conflict(commands: readonly string[] | undefined): string | undefined {
    if (this.#all !== undefined) {
      return `already protected by dependency '${this.#all.name}' (one client = one dependency)`;
    }
    if (commands === undefined) {
      const owners = [...new Set([...this.#byCommand.values()].map((t) => `'${t.name}'`))];
      return `already mapped per command (to ${owners.join(', ')}); a client protected per command cannot also be protected whole`;
    }
    for (const command of commands) {
      const owner = this.#byCommand.get(command);
      if (owner !== undefined) return `${command} is already mapped to dependency '${owner.name}'`;
    }
    return undefined;
  }

  /** Records the routes (after `conflict` said none). */
  add(target: ProtectTarget, commands: readonly string[] | undefined): void {
    if (commands === undefined) {
      this.#all = target;
      return;
    }
    for (const command of commands) this.#byCommand.set(command, target);
  }
}
