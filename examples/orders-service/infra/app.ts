// `PAYMENTS_URL=https://payments.internal npm run synth --workspace @bulwark/example-orders-service`: bundles the code and writes the
// CloudFormation template to cdk.out (no AWS account needed; `cdk deploy --app cdk.out` deploys it).
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Code } from 'aws-cdk-lib/aws-lambda';
import { bundleOrdersService } from './bundle.js';
import { OrdersStack } from './OrdersStack.js';

const paymentsUrl = process.env.PAYMENTS_URL;
if (paymentsUrl === undefined || !URL.canParse(paymentsUrl)) {
  throw new TypeError(
    'synth: set PAYMENTS_URL to the base URL of the payments API, e.g. https://payments.internal',
  );
}
const root = join(import.meta.dirname, '..');
const dist = await bundleOrdersService(join(root, 'dist'));
const app = new App({ outdir: join(root, 'cdk.out') });
new OrdersStack(app, 'OrdersService', {
  code: Code.fromAsset(dist),
  paymentsUrl,
});
app.synth();
process.stdout.write(`synthesised ${join(root, 'cdk.out')}\n`);
