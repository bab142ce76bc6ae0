// Health probes, graceful shutdown, Prometheus metrics and configuration checks for long-running services.
export type { ConfigProblem } from './config/ConfigError.js';
export { ConfigError, isConfigError } from './config/ConfigError.js';
export type { LoadConfigOptions } from './config/loadConfig.js';
export { DEFAULT_SECRET_KEYS, loadConfig, loadConfigOrExit } from './config/loadConfig.js';
export type {
  StandardSchemaIssue,
  StandardSchemaResult,
  StandardSchemaV1,
} from './config/StandardSchema.js';
export { createService } from './createService.js';
export type {
  CheckResult,
  DependencyHealth,
  HealthReport,
  ServicePhase,
} from './health/HealthReport.js';
export type { CheckRegistration, HealthCheck } from './health/runCheck.js';
export type { ProbeResponse } from './http/ProbeResponse.js';
export type { AttachableServer } from './http/RequestTracker.js';
export { SERVICE_METRIC_NAMES } from './metrics/metricNames.js';
export type { ServiceLogger } from './options/ServiceLogger.js';
export type {
  HealthOptions,
  MetricsOptions,
  MetricsSource,
  ServiceOptions,
  ShutdownOptions,
} from './options/ServiceOptions.js';
export { DEFAULT_SERVICE_OPTIONS } from './options/ServiceOptions.js';
export type { Service } from './Service.js';
export type { DependencyRegistration, ServiceDependency } from './ServiceDependency.js';
export type { CloseHook } from './shutdown/ShutdownSequence.js';
export type {
  RuntimeSwitches,
  RuntimeSwitchesOptions,
  RuntimeSwitchesStats,
  SwitchProvider,
} from './switches/RuntimeSwitchesOptions.js';
export { DEFAULT_RUNTIME_SWITCHES } from './switches/RuntimeSwitchesOptions.js';
export { runtimeSwitches } from './switches/runtimeSwitches.js';
export type { SwitchDocument } from './switches/switchDocument.js';
// Internal on purpose: RequestTracker, ShutdownSequence, ServiceMetrics, timedDependency (reached through Service).
