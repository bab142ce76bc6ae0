// A CDK cloud assembly (`cdk.out`, or any name given to `cdk --output`) holds synthesized templates and
// bundled assets generated from the app's source: the discovery walk and the dead-module search both skip it.
import type { Dirent } from 'node:fs';

/**
 * Are these the entries of a CDK cloud assembly directory? Its marker is the assembly's own `cdk.out`
 * version file beside `manifest.json`, so a folder of any name is recognised.
 *
 * @example
 * isCloudAssembly(readdirSync('cdk.out.deploy', { withFileTypes: true })) // true after `cdk synth --output cdk.out.deploy`
 */
export function isCloudAssembly(entries: readonly Dirent[]): boolean {
  return (
    entries.some((e) => e.name === 'cdk.out' && e.isFile()) &&
    entries.some((e) => e.name === 'manifest.json' && e.isFile())
  );
}
