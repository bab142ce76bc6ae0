/**
 * The @bulwark/cli version, reported in SARIF and JSON output (a test holds it to package.json).
 * @example
 * toSarif(result, VERSION);
 */
export const VERSION = '0.1.0';
