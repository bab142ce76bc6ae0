// Runtime switches from SSM (or AppConfig): read in the background, fail-static, never on the request path.
import { AppConfigProvider } from '@aws-lambda-powertools/parameters/appconfig';
import { wrapDependency } from '@bulwark/policies';
import { createService, runtimeSwitches } from '@bulwark/service';

const service = createService({ name: 'orders' });
const payments = service.dependency(wrapDependency('payments'), { critical: true });

// The document in SSM parameter /orders/switches:
// {"version":1,"switches":{"payments.force-open":false,"recommendations":true},"writtenBy":{"kind":"operator","id":"alice"}}
const switches = runtimeSwitches({
  parameterName: '/orders/switches',
  defaults: { 'payments.force-open': false, recommendations: true },
  maxAgeSeconds: 30,
});
// While on, payments' circuit is held open (isolate()): calls fail fast and readiness answers 503.
switches.isolateWhile('payments.force-open', payments);
// Start serving once the first read is done (bounded by readTimeoutMs; the defaults stand if it fails).
service.check('switches read', () => switches.ready(), { probe: 'startup' });

export function showRecommendations(): boolean {
  return switches.isOn('recommendations');
}

// The same switches from an AppConfig profile: hand runtimeSwitches a Powertools AppConfigProvider.
export const fromAppConfig = runtimeSwitches({
  parameterName: 'switches', // the configuration profile
  defaults: { recommendations: true },
  provider: new AppConfigProvider({ application: 'orders', environment: 'prod' }),
});
