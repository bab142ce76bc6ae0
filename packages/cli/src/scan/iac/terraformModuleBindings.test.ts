import { describe, expect, it } from 'vitest';
import { parseHcl } from './hcl.js';
import { bindingIndex, terraformBindingFacts } from './terraformModuleBindings.js';

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
      'aws_sqs_queue.a.arn',
    ],
  ])('binds %s', (_, root, raw, bound) => {
    // Prepare
    const files = [
      folder('infra', root),
      folder('infra/modules/fn', 'variable "batch_size" { default = 10 }'),
    ];
    // Act
    const calls = bindingIndex(files).bindingsOf('infra/modules/fn');
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
    const calls = bindingIndex(files).bindingsOf('infra/worker');
    // Assess
    expect(calls.map((c) => [c.call, c.expand('var.queue')])).toEqual([
      ['module.worker', 'aws_sqs_queue.jobs.arn'],
    ]);
  });

  it('binds each entry of a for_each map of consumers apart, never merged', () => {
    // Prepare
    const files = [
      folder(
        'infra',
        `locals {
           consumers = {
             a = { queue = aws_sqs_queue.a.arn, types = ["ReportBatchItemFailures"] }
             b = { queue = aws_sqs_queue.b.arn, types = [] }
           }
         }
         module "consumer" {
           source   = "./modules/fn"
           for_each = local.consumers
           queue    = each.value.queue
           types    = each.value.types
         }`,
      ),
      folder('infra/modules/fn', 'variable "queue" {}\nvariable "types" {}'),
    ];
    // Act
    const calls = bindingIndex(files).bindingsOf('infra/modules/fn');
    // Assess
    expect(calls.map((c) => [c.call, c.expand('var.queue'), c.expand('var.types')])).toEqual([
      ['module.consumer["a"]', 'aws_sqs_queue.a.arn', '["ReportBatchItemFailures"]'],
      ['module.consumer["b"]', 'aws_sqs_queue.b.arn', '[]'],
    ]);
  });

  it('binds each upstream caller apart through two module levels', () => {
    // Prepare
    const files = [
      folder(
        'infra',
        'module "good" {\n source = "./stack"\n types = ["ReportBatchItemFailures"]\n}\nmodule "bad" {\n source = "./stack"\n types = []\n}',
      ),
      folder('infra/stack', 'module "worker" {\n source = "../worker/"\n types = var.types\n}'),
      folder('infra/worker', 'variable "types" {}'),
    ];
    // Act
    const calls = bindingIndex(files).bindingsOf('infra/worker');
    // Assess
    expect(calls.map((c) => c.expand('var.types'))).toEqual(['["ReportBatchItemFailures"]', '[]']);
  });

  it('leaves each.value unbound when the for_each entries are not spelled out', () => {
    // Prepare
    const files = [
      folder('infra', 'module "c" {\n source = "./fn"\n for_each = toset(var.names)\n queue = each.value\n}'),
      folder('infra/fn', 'variable "queue" {}'),
    ];
    // Act / Assess
    expect(
      bindingIndex(files)
        .bindingsOf('infra/fn')
        .map((c) => c.expand('var.queue')),
    ).toEqual(['each.value']);
  });

  it('binds nothing for a module no local call reaches, whose defaults still apply', () => {
    // Prepare
    const files = [folder('infra/fn', 'variable "timeout" { default = 30 }')];
    // Act / Assess
    const index = bindingIndex(files);
    expect(index.bindingsOf('infra/fn')).toEqual([]);
    expect(index.withDefaults('infra/fn', 'var.timeout')).toBe('30');
  });
});
