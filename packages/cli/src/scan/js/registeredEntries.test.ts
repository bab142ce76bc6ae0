// What a framework registration reaches: an @Module's classes, a listener class's started methods, and
// the classes a handler hands to a call.
import { describe, expect, it } from 'vitest';
import type { Node } from './ast.js';
import { exportsReaching } from './handlerImports.js';
import type { ModuleContext } from './ModuleContext.js';
import { handedImports, registeredByModule, registeredStarts, tabledImport } from './registeredEntries.js';
import { contextOf as parsedContext } from './testing/parsed.js';

function contextOf(source: string): ModuleContext {
  return parsedContext(source, '/app/m.ts');
}

/** The first class declared in the module (exported or not). */
function classIn(ctx: ModuleContext): Node {
  for (const s of ctx.program.body as Node[]) {
    const decl = s.type === 'ExportNamedDeclaration' ? (s.declaration as Node) : s;
    if (decl?.type === 'ClassDeclaration') return decl;
  }
  throw new Error('no class');
}

/** The names of the methods registeredStarts returns, or undefined. */
function startedNames(source: string): string[] | undefined {
  const cls = classIn(contextOf(source));
  const starts = registeredStarts(cls);
  if (starts === undefined) return undefined;
  const members = (cls.body as Node).body as Node[];
  return starts.map((fn) => members.find((m) => m.value === fn)?.key?.name as string).sort();
}

describe('registeredByModule', () => {
  // A scoped package may be a workspace (isProjectSource): the project pass drops one it cannot resolve.
  it('names the project classes of imports, providers and forwardRef, not packages', () => {
    const ctx = contextOf(
      [
        "import { Module, forwardRef } from '@nestjs/common';",
        "import { HttpModule } from 'nest-http-module';",
        "import { UsersModule } from '../users';",
        "import { MailListener } from './mail.listener';",
        "import { MailService } from './mail.service';",
        "@Module({ imports: [HttpModule, forwardRef(() => UsersModule)], providers: [MailListener, { provide: 'mail', useClass: MailService }] })",
        'export class MailModule {}',
      ].join('\n'),
    );
    expect(registeredByModule(ctx, classIn(ctx)).map((r) => r.name)).toEqual([
      'UsersModule#registered',
      'MailListener#registered',
      'MailService#registered',
    ]);
  });

  it('reads nothing from a class without @Module', () => {
    const ctx = contextOf(
      "import { Repo } from './repo';\n@Injectable()\nexport class Svc { constructor(r: Repo) {} }",
    );
    expect(registeredByModule(ctx, classIn(ctx))).toEqual([]);
  });
});

describe('registeredStarts', () => {
  const listener = (extra: string) =>
    [
      '@Injectable()',
      'export class Listener {',
      '  constructor(private readonly q: Queue) {}',
      '  private async queue(m) { await this.q.send(m); }',
      '  private shape(m) { return { m }; }',
      "  @OnEvent('a') onA(e) { this.queue(this.shape(e)); }",
      extra,
      '}',
    ].join('\n');

  it('starts from the decorated methods, the constructor and what they call through this', () => {
    expect(startedNames(listener('  onB(e) { this.queue(e); }'))).toEqual([
      'constructor',
      'onA',
      'queue',
      'shape',
    ]);
  });

  it('leaves every method a start in a class no decorator registers', () => {
    expect(startedNames('export class Plain { onA() {} onB() {} }')).toBeUndefined();
  });

  it('leaves every method a start in an undecorated class with decorated methods', () => {
    expect(
      startedNames('export class Lambda { @tracer.captureLambdaHandler() async handler(e) {} other() {} }'),
    ).toBeUndefined();
  });
});

describe('handedImports', () => {
  it('takes a project class handed to a call, not a function, a constant or a package', () => {
    const ctx = contextOf(
      [
        "import { AppModule } from './app.module';",
        "import { processRecord, MAX_ITEMS } from './records';",
        "import { Logger } from 'bunyan';",
        'createApp(AppModule, processRecord, MAX_ITEMS, Logger);',
      ].join('\n'),
    );
    const call = ctx.of('CallExpression')[0] as Node;
    expect(handedImports(ctx, call).map((r) => r.name)).toEqual(['AppModule']);
  });
});

describe('tabledImport', () => {
  it('takes a project function named in an object of functions, not a class, a package or a local', () => {
    const ctx = contextOf(
      [
        "import { chatBedrock } from './bedrock';",
        "import { Transformer } from './transform';",
        "import { converse } from 'llm-sdk';",
        'const local = () => 1;',
        'export const configs = { Bedrock: () => ({ chatFn: chatBedrock, Transformer, converse, local }) };',
      ].join('\n'),
    );
    const names = ctx
      .of('Property')
      .map((p) => tabledImport(ctx, p as Node)?.name)
      .filter((n) => n !== undefined);
    expect(names).toEqual(['chatBedrock']);
  });
});

describe('exportsReaching with a registered class', () => {
  const source = [
    '@Injectable()',
    'export class Reports {',
    "  @Cron('0 * * * *') hourly() { this.rebuild(); }",
    '  rebuild() { publish(1); }',
    '  other() { publish(2); }',
    '}',
  ].join('\n');

  /** exportsReaching for the `publish(n)` call. */
  function reaching(n: number): string[] {
    const ctx = contextOf(source);
    const call = ctx
      .of('CallExpression')
      .find((c) => (c.arguments as Node[])[0]?.value === n && (c.callee as Node).name === 'publish') as Node;
    return exportsReaching(ctx, call, true);
  }

  it('names the registered part for code a registered method reaches', () => {
    expect(reaching(1)).toEqual(['Reports', 'Reports#registered']);
  });

  it('names only the class for a method registration does not start (a caller may still call it)', () => {
    expect(reaching(2)).toEqual(['Reports']);
  });
});
