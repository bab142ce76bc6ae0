/** The @bulwark/cli version, reported in SARIF and JSON output (a test holds it to package.json). */
export const VERSION = '0.1.0';
