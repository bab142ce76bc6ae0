// The fix a rule shows must be code that runs: the in-process-breaker-state example is built here with
// the real @bulwark/policies (an earlier text passed `threshold: 0.5` and `ssmBreakerState({ name })`,
// which throw at construction).
import { ssmBreakerState, wrapDependency } from '@bulwark/policies';
import { describe, expect, it } from 'vitest';
import { ruleInfo } from './catalog.js';

describe('rule examples', () => {
  it('the in-process-breaker-state fix constructs a dependency with shared breaker state', () => {
    // Prepare
    const after = ruleInfo('in-process-breaker-state').example.after ?? '';
    const build = new Function('wrapDependency', 'ssmBreakerState', `${after}\nreturn payments;`) as (
      w: typeof wrapDependency,
      s: typeof ssmBreakerState,
    ) => { execute: unknown; name: string };

    // Act
    const payments = build(wrapDependency, ssmBreakerState);

    // Assess
    expect(typeof payments.execute).toBe('function');
  });

  it('the fix text names only options that exist', () => {
    // Prepare
    const fix = ruleInfo('in-process-breaker-state').fix;

    // Act
    const build = () =>
      wrapDependency('payments', {
        breaker: { threshold: 5 },
        sharedState: ssmBreakerState({ parameterName: '/bulwark/breakers/payments' }),
      });

    // Assess
    expect(fix).toContain("ssmBreakerState({ parameterName: '/bulwark/breakers/<name>' })");
    expect(build).not.toThrow();
  });
});
