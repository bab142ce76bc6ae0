import { describe, expect, it } from 'vitest';
import type { ScanProblem } from './Finding.js';
import { analysisFailure, judgedOrProblem, projectPassEach, projectPassOr } from './judgeGuard.js';

describe('judgedOrProblem', () => {
  it('answers true and records nothing when the judging finishes', () => {
    const problems: ScanProblem[] = [];
    let ran = false;
    expect(
      judgedOrProblem('src/a.ts', problems, () => {
        ran = true;
      }),
    ).toBe(true);
    expect(ran).toBe(true);
    expect(problems).toEqual([]);
  });

  it("turns a rule's throw into a problem naming the file and the error, and answers false", () => {
    // Prepare: the shape of round 60's crash (a prototype member met where a list was expected).
    const problems: ScanProblem[] = [];

    // Act
    const judged = judgedOrProblem('src/a.ts', problems, () => {
      throw new TypeError('calls is not iterable');
    });

    // Assess
    expect(judged).toBe(false);
    expect(problems).toEqual([
      {
        file: 'src/a.ts',
        kind: 'analysis-error',
        message: 'analysis failed (TypeError: calls is not iterable); no finding of this file is reported',
      },
    ]);
  });
});

describe('analysisFailure', () => {
  it("keeps only the error's first line, bounded, so a stack or a source excerpt never reaches the report", () => {
    const error = new RangeError(`${'x'.repeat(500)}\n    at /home/someone/project/secret.ts:1:1`);
    const message = analysisFailure(error);
    expect(message).not.toContain('/home/someone');
    expect(message.length).toBeLessThan(300);
    expect(analysisFailure('thrown text')).toContain('(thrown text)');
  });
});

describe('analysisFailure on odd thrown values', () => {
  it('summarises a value that cannot be turned into text instead of throwing from the guard', () => {
    expect(analysisFailure(Object.create(null))).toContain('a thrown object');
    const odd = new Error('x');
    Object.defineProperty(odd, 'message', { value: Object.create(null) });
    expect(analysisFailure(odd)).toContain('a thrown object');
  });
});

describe('projectPassOr', () => {
  it("answers the pass's result and records nothing when it finishes", () => {
    const problems: ScanProblem[] = [];
    expect(projectPassOr('template wiring', problems, 'fallback', () => 'wired')).toBe('wired');
    expect(problems).toEqual([]);
  });

  it('answers the fallback and records a root problem naming the pass when it throws', () => {
    // Prepare: the shape of round 61's crash, now met before the per-file loop.
    const problems: ScanProblem[] = [];

    // Act
    const routed = projectPassOr<(name: string) => boolean>(
      'routes elsewhere',
      problems,
      () => true,
      () => {
        throw new RangeError('Maximum call stack size exceeded\n    at /home/someone/secret.ts:1:1');
      },
    );

    // Assess
    expect(routed('any')).toBe(true);
    expect(problems).toEqual([
      {
        file: '.',
        kind: 'analysis-error',
        message:
          'project pass "routes elsewhere" failed (RangeError: Maximum call stack size exceeded); findings that depend on it may be missing',
      },
    ]);
  });
});

describe('projectPassEach', () => {
  it("keeps every other item's result and records one problem at the first failing template, with the count", () => {
    // Prepare: a boilerplate whose every stack breaks the pass the same way.
    const problems: ScanProblem[] = [];
    const templates = ['a/template.yaml', 'b/template.yaml', 'c/template.yaml', 'd/template.yaml'];

    // Act
    const found = projectPassEach(
      'batch-one sources',
      problems,
      templates,
      (t) => t,
      (t) => {
        if (!t.startsWith('a')) throw new TypeError(`cannot read ${t}`);
        return ['a/handler.main'];
      },
    );

    // Assess
    expect(found).toEqual(['a/handler.main']);
    expect(problems).toEqual([
      {
        file: 'b/template.yaml',
        kind: 'analysis-error',
        message:
          'project pass "batch-one sources" failed here and 2 more (TypeError: cannot read b/template.yaml); findings that depend on it may be missing',
      },
    ]);
  });

  it('records nothing when every item finishes', () => {
    // Prepare
    const problems: ScanProblem[] = [];

    // Act
    const found = projectPassEach('batch-one sources', problems, [1, 2], String, (n) => [n * 2]);

    // Assess
    expect(found).toEqual([2, 4]);
    expect(problems).toEqual([]);
  });
});
