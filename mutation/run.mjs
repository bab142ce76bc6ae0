// @ts-nocheck
// `npm run mutation [-- <package> [stryker options]]`: Stryker on each package in turn (or one),
// incremental against the committed reports/stryker-incremental-<package>.json.
import { spawnSync } from 'node:child_process';
import { mutationTargets } from './targets.mjs';

const args = process.argv.slice(2);
const named = args[0] !== undefined && !args[0].startsWith('-') ? args.shift() : undefined;
if (named !== undefined && !(named in mutationTargets)) {
  console.error(`mutation: unknown package ${named}; one of ${Object.keys(mutationTargets).join(', ')}`);
  process.exit(2);
}
for (const name of named === undefined ? Object.keys(mutationTargets) : [named]) {
  console.log(`\nmutation: @bulwark/${name}`);
  const run = spawnSync('stryker', ['run', `mutation/${name}/stryker.config.mjs`, ...args], {
    stdio: 'inherit',
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
