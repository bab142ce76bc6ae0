// What counts as a concurrency cap written in a template. `ScalingConfig.MaximumConcurrency` (2-1000) and
// `ReservedConcurrentExecutions` take a number, and CloudFormation resolves a `!Ref` to a Number parameter,
// a `!FindInMap` or a `!If` of values before the mapping is made: a template that writes any of them sets a
// cap whose size the deploy decides (a parameter's default, a per-stage map), so only an absent value or
// `AWS::NoValue` leaves the consumer uncapped.
import type { HclBlock } from './hcl.js';
import type { Json } from './IacResult.js';

/** True when a template writes a concurrency value (a number or an intrinsic that yields one). */
export function writesCap(value: Json | undefined): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'object' && !Array.isArray(value)) {
    const ref = (value as Record<string, Json>).Ref;
    if (ref === 'AWS::NoValue') return false;
  }
  return true;
}

/**
 * A mapping's `scaling_config` block, written plainly or as a `dynamic "scaling_config"` block (Terraform's
 * documented way to make a nested block optional: its caller's variable decides the cap).
 */
export function scalingConfigBlock(mapping: HclBlock): HclBlock | undefined {
  return mapping.blocks.find(
    (b) => b.type === 'scaling_config' || (b.type === 'dynamic' && b.labels[0] === 'scaling_config'),
  );
}
