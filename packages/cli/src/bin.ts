#!/usr/bin/env node
import module from 'node:module';

// Cache compiled bytecode between runs: the parser's JavaScript side is large and every run is cold.
module.enableCompileCache?.();
const { exitWhenSettled } = await import('./exitWhenSettled.js');
const { main } = await import('./main.js');

exitWhenSettled(main(process.argv.slice(2)));
