import { describe, expect, it } from 'vitest';
import { parseHcl } from './hcl.js';
import { bindingsOf, terraformBindingFacts, withDefaults } from './terraformModuleBindings.js';

const folder = (dir: string, source: string) => ({ dir, facts: terraformBindingFacts(parseHcl(source)) });

describe('bindingsOf', () => {
  it.each([
    [
      'an argument, with the caller’s locals',
      `locals { q = aws_sqs_queue.orders.arn }
       module "orders" {
         source = "./modules/fn"
         queue  = local.q
       }`,
      'var.queue',
      'aws_sqs_queue.orders.arn',
    ],
    [
      'the default when the call passes nothing',
      `module "orders" {
         source = "./modules/fn"
       }`,
      'var.batch_size',
      '10',
    ],
    [
      'each.value through the call’s for_each map of consumers',
      `locals { consumers = { a = { queue = aws_sqs_queue.a.arn } } }
       module "consumer" {
         source   = "./modules/fn"
         for_each = local.consumers
         queue    = each.value.queue
       }`,
      'var.queue',
      '{ a = { queue = aws_sqs_queue.a.arn } }.queue',
    ],
  ])('binds %s', (_, root, raw, bound) => {
    // Prepare
    const files = [
      folder('infra', root),
      folder('infra/modules/fn', 'variable "batch_size" { default = 10 }'),
    ];
    // Act
    const calls = bindingsOf(files, 'infra/modules/fn');
    // Assess
    expect(calls.map((c) => c.expand(raw))).toEqual([bound]);
  });

  it('follows a variable through two module levels', () => {
    // Prepare
    const files = [
      folder('infra', 'module "stack" {\n source = "./stack"\n input = aws_sqs_queue.jobs.arn\n}'),
      folder('infra/stack', 'module "worker" {\n source = "../worker"\n queue = var.input\n}'),
      folder('infra/worker', 'variable "queue" {}'),
    ];
    // Act
    const calls = bindingsOf(files, 'infra/worker');
    // Assess
    expect(calls.map((c) => [c.call, c.expand('var.queue')])).toEqual([
      ['module.worker', 'aws_sqs_queue.jobs.arn'],
    ]);
  });

  it('binds nothing for a module no local call reaches, whose defaults still apply', () => {
    // Prepare
    const files = [folder('infra/fn', 'variable "timeout" { default = 30 }')];
    // Act / Assess
    expect(bindingsOf(files, 'infra/fn')).toEqual([]);
    expect(withDefaults(files, 'infra/fn', 'var.timeout')).toBe('30');
  });
});
