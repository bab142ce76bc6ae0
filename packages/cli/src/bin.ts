#!/usr/bin/env node
import module from 'node:module';

// Cache compiled bytecode between runs: the parser's JavaScript side is large and every run is cold.
module.enableCompileCache?.();
const { main } = await import('./main.js');

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `bulwark: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 70;
  },
);
