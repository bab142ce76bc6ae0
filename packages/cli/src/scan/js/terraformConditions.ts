// The conditions a Terraform finding waits on: another module or file of the same configuration settles
// them in the project pass (iac/terraformModules.ts, terraformGatewayJoin.ts, terraformGatewayResources.ts).
// Kept apart from Candidate.ts, which every per-file rule fills, so that file stays one screenful per concept.
import type { GatewayResourceRef } from '../iac/terraformGatewayResources.js';
import type { ModuleMappingRef } from '../iac/terraformModuleMappings.js';
import type { TimeoutDefaultRef } from '../iac/terraformTimeoutDefaults.js';

/**
 * The Terraform part of a Candidate: each field names what in another module keeps or drops the finding.
 * @example
 * const waiting: TerraformConditions = { terraformAsyncFunction: 'notify' };
 */
export interface TerraformConditions {
  /** A Terraform queue finding that a mapping or alarm in another module may settle (iac/terraformModules.ts). */
  readonly terraformQueue?: {
    readonly queue: string;
    readonly settledBy: 'alarm' | 'lambda' | 'receive';
    /** For a DLQ's alarm: the queues redriving into it, when nothing else sends failures there. */
    readonly sources?: readonly string[];
  };
  /** A Terraform function with no async failure destination: kept only if its module invokes it asynchronously. */
  readonly terraformAsyncFunction?: string;
  /** A Terraform function module's timeout above 29 s: kept if a route in another module reaches it (iac/terraformGatewayJoin.ts). */
  readonly terraformGatewayFunction?: { readonly module: string; readonly seconds: number };
  /** A Terraform `aws_lambda_function` kept if a route in another file of its folder reaches it (iac/terraformGatewayResources.ts). */
  readonly terraformGatewayResource?: GatewayResourceRef;
  /** A Terraform SQS consumer (`aws_lambda_function.f`, `module.m`): dropped when its folder's IAM reaches only absorbing services. */
  readonly terraformFloodFunction?: string;
  /** A mapping a local module builds from its variables: judged with each call's arguments (iac/terraformModuleMappings.ts). */
  readonly terraformModuleMapping?: ModuleMappingRef;
  /** A function module's timeout variable default: kept if a call keeps it and is routed by an API (iac/terraformTimeoutDefaults.ts). */
  readonly terraformTimeoutDefault?: TimeoutDefaultRef;
}
