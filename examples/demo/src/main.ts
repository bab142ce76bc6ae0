// `npm run demo`: the orders service (examples/orders-service) against a real local payments server that
// goes healthy -> 30 % 503s and latency -> hard down -> recovering, with local DynamoDB (dynalite), the SSM
// emulator (msw) and an in-memory SQS queue with a redrive policy. No AWS, no network. Runs the same fault
// script through the hardened consumer and through a naive one, then prints the comparison and writes it
// to a results file.
import { accessSync, constants, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { SSMClient } from '@aws-sdk/client-ssm';
import { LOCAL_CREDENTIALS, ssmEmulator, startLocalDynamo, startMswServer } from '@bulwark/testing';
import { DEMO_USAGE, parseDemoArgs } from './args.js';
import { type RunEnvironment, runScenario } from './runScenario.js';
import { faultScript, SIZES } from './scenario.js';
import { comparisonTable } from './table.js';
import { liveView } from './view.js';

let args: ReturnType<typeof parseDemoArgs>;
try {
  args = parseDemoArgs(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n${DEMO_USAGE}\n`);
  process.exit(2);
}

// The results file's folder is made (and so checked) before a run, not after 30 s of it.
const out = resolve(
  args.out ?? join(import.meta.dirname, '..', 'results', `demo-seed-${args.seed}-${args.size}.json`),
);
try {
  mkdirSync(dirname(out), { recursive: true });
  accessSync(dirname(out), constants.W_OK);
} catch {
  process.stderr.write(`--out: cannot write into ${dirname(out)}\n`);
  process.exit(2);
}

const size = SIZES[args.size];
const script = faultScript(args.seed, size);
const say = (line = '') => process.stdout.write(`${line}\n`);
const view = liveView(process.stdout, {
  tty: process.stdout.isTTY === true && !args.plain,
  ...(process.stdout.columns === undefined ? {} : { columns: process.stdout.columns }),
});

const region = 'us-east-1';
const ssm = ssmEmulator({ region });
const msw = startMswServer(...ssm.handlers);
const dynamo = await startLocalDynamo({ region });
const env: RunEnvironment = {
  dynamo,
  ssm,
  ssmClient: new SSMClient({
    region,
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 2_000, throwOnRequestTimeout: true },
  }),
  verbose: args.logs,
};

try {
  say(
    `Bulwark demo, seed ${args.seed}, size ${args.size}: ${script.orders.length} orders, ` +
      `${script.orders.filter((o) => o.twice).length} of them sent twice; ${size.instances} Lambda instances, ` +
      `batches of ${size.batchSize}, maxReceiveCount ${size.maxReceiveCount}.`,
  );
  say(
    'payments: healthy -> 30 % 503s and latency -> hard down -> recovering (a real HTTP server on 127.0.0.1)',
  );
  say();
  const hardened = await runScenario('hardened', script, size, env, (s) => view.update(s));
  view.finish({ ...hardened });
  const naive = await runScenario('naive', script, size, env, (s) => view.update(s));
  view.finish({ ...naive });

  say(comparisonTable(hardened, naive));
  say();
  say(
    'naive: fetch without a timeout, 3 tries without backoff, no idempotency key or store, Promise.all over the batch.',
  );
  say(
    'hardened: examples/orders-service as deployed (timeouts, backoff, breaker shared by the probe through SSM,',
  );
  say(
    'Powertools idempotency per order, partial batch responses), with its timings compressed (examples/demo/src/timing.ts).',
  );

  writeFileSync(
    out,
    `${JSON.stringify({ seed: args.seed, size: args.size, sizes: size, hardened, naive }, null, 2)}\n`,
  );
  say();
  say(`results written to ${out}`);
} catch (error) {
  // A failed run says what failed, without a stack, and exits 1.
  process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
  // Whatever the failure left open (a socket, a timer) must not keep the process from ending.
  setTimeout(() => process.exit(1), 2_000).unref();
} finally {
  env.ssmClient.destroy();
  await dynamo.stop();
  msw.close();
}
