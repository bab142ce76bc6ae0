// @bulwark/cli: the scanner as a library, and the command entry points.

export type { BreakerCliIo } from './breaker/BreakerCliIo.js';
export { breakerMain } from './breaker/breakerMain.js';
export type { DlqCliIo } from './dlq/DlqCliIo.js';
export { dlqMain } from './dlq/dlqMain.js';
export type { EventsCliIo } from './events/EventsCliIo.js';
export { eventsMain } from './events/eventsMain.js';
export { main, USAGE } from './main.js';
export { LIBRARIES, type LibraryAdvice, RULES, type RuleInfo, ruleInfo } from './scan/catalog.js';
export type { ScanIo } from './scan/cli/scanMain.js';
export { SCAN_USAGE, scanMain } from './scan/cli/scanMain.js';
export {
  BUILT_IN_EXCLUDES,
  CONFIG_FILE,
  DEFAULT_SCAN_CONFIG,
  loadScanConfig,
  type NormalizedScanConfig,
  normalizeScanConfig,
  type RuleLevel,
  type ScanConfig,
  ScanConfigError,
} from './scan/config.js';
export {
  type Finding,
  type ScanProblem,
  type ScanResult,
  SEVERITIES,
  type Severity,
} from './scan/Finding.js';
export { toJson } from './scan/format/json.js';
export { type MarkdownOptions, toMarkdown } from './scan/format/markdown.js';
export { SARIF_SCHEMA, type SarifOptions, toSarif } from './scan/format/sarif.js';
export { summaryLine, toText } from './scan/format/text.js';
export { type ScanOptions, ScanUsageError, scan } from './scan/scan.js';
export { VERSION } from './version.js';
