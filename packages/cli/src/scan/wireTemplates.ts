// The scan pass's hand-over from what each IaC file noted (its handler strings per kind of source) and what
// the Terraform folders hold to the project's one home for wiring (templateWiring.ts), so the rules that
// ask "who invokes this handler" read one answer whichever dialect wired it.
import { dirname } from 'node:path';
import type { FileOutcome } from './analyzeFile.js';
import { terraformUnreadHandlers } from './iac/terraformHandlers.js';
import type { TerraformFacts } from './iac/terraformModules.js';
import type { InvokedFunctions } from './invokedFunctions.js';
import type { TemplateWiring } from './templateWiring.js';

/** A Terraform file's facts with the folder that joins its resources to its siblings'. */
export interface TerraformFile {
  readonly rel: string;
  readonly dir: string;
  readonly facts: TerraformFacts;
}

/**
 * The Terraform files among a scan's outcomes, each with its folder relative to the root.
 * @example
 * terraformFilesOf(outcomes) // [{ rel: 'infra/main.tf', dir: 'infra', facts }]
 */
export function terraformFilesOf(outcomes: readonly FileOutcome[]): TerraformFile[] {
  return outcomes.flatMap((o) =>
    o.kind === 'iac' && o.result.terraform !== undefined
      ? [{ rel: o.file.rel, dir: dirname(o.file.rel), facts: o.result.terraform }]
      : [],
  );
}

/**
 * Wires every kind of source the templates name: redelivered sources (a Terraform mapping's handler only when
 * a folder anchors it), invokers that read no answer (with `InvocationType: 'Event'` targets, by a variable or
 * by the deployed name), schedules and HTTP routes.
 * @example
 * wireTemplates(project.wiring, outcomes, terraformFiles, terraformMappingHandlers(files));
 */
export function wireTemplates(
  wiring: TemplateWiring,
  outcomes: readonly FileOutcome[],
  terraformFiles: readonly TerraformFile[],
  mappings: ReadonlyMap<string, readonly string[]>,
  /** Does some code invoke, with `'Event'`, a name one of these deployed name patterns can be (invokedFunctions.ts)? */
  invoked: Pick<InvokedFunctions, 'isNameInvoked'> = { isNameInvoked: () => false },
): void {
  const iac = outcomes.flatMap((o) => (o.kind === 'iac' ? [o.result] : []));
  wiring.wire('eventHandlers', [
    ...iac.flatMap((r) => r.eventHandlers ?? []),
    ...[...mappings.values()].flat().filter((h) => h.includes('/')),
  ]);
  // Handlers whose answer nobody reads, and of them the scheduled ones (a subset the same readers note); a
  // function the code invokes by its deployed name with 'Event' is one (iac/nameInvokedHandlers.ts).
  const named = iac.flatMap((r) => r.namedHandlers ?? []);
  wiring.wireUnread(
    [
      ...iac.flatMap((r) => r.unreadHandlers ?? []),
      ...named.filter(([names]) => invoked.isNameInvoked(names)).map(([, handler]) => handler),
      ...terraformUnreadHandlers(terraformFiles.map((f) => ({ dir: f.dir, facts: f.facts.code }))),
    ],
    iac.flatMap((r) => r.envFunctions ?? []),
  );
  wiring.wire(
    'scheduledHandlers',
    iac.flatMap((r) => r.scheduledHandlers ?? []),
  );
  wiring.wire(
    'requestHandlers',
    iac.flatMap((r) => r.requestHandlers ?? []),
  );
}
