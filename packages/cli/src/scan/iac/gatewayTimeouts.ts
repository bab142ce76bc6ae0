// Functions behind an API whose timeout outlives the integration, gathered so that a template-wide default
// (SAM `Globals.Function.Timeout`, serverless `provider.timeout`) is ONE finding at that value: the line the
// fix changes, naming the functions behind the API that inherit it (as a CDK shared props object is). A
// function that sets its own timeout is reported at its own value, once, however many routes reach it.
import { outlivesGateway } from './gatewayLimit.js';
import type { IacReport } from './IacResult.js';

/** One function behind an API, with the timeout it runs with and the integration limit in front of it. */
export interface GatewayFunction {
  readonly name: string;
  readonly timeout: number;
  /** Seconds the integration waits (29 for a REST API, 30 for an HTTP API, or its own setting). */
  readonly limit: number;
  /** Where its own finding goes: its own timeout setting, or the route that shows the limit. */
  readonly path: readonly (string | number)[];
  /** True when the timeout is the template-wide default, not one the function sets. */
  readonly inherited: boolean;
  /** The finding's text when it is reported on its own. */
  readonly message: string;
}

/** Collects the functions of one template behind an API; `finish` reports them. */
export class GatewayTimeouts {
  private readonly seen = new Set<string>();
  private readonly shared: GatewayFunction[] = [];
  /** Functions no route here reaches whose ARN an output hands on to an API in another stack (stackRoutes.ts). */
  private readonly exported: { readonly fn: GatewayFunction; readonly outputs: readonly string[] }[] = [];
  private readonly report: IacReport;
  private readonly defaultPath: readonly (string | number)[] | undefined;
  private readonly what: string;

  /**
   * `defaultPath` is where the template-wide timeout is written (`undefined` when it is in another file: the
   * finding then goes to the first function that inherits it); `what` names it in the message.
   */
  constructor(report: IacReport, defaultPath: readonly (string | number)[] | undefined, what: string) {
    this.report = report;
    this.defaultPath = defaultPath;
    this.what = what;
  }

  /** A function behind an API: reported now at its own value, or kept for the shared default's finding. */
  add(fn: GatewayFunction): void {
    if (!outlivesGateway(fn.timeout, fn.limit) || this.seen.has(fn.name)) return;
    this.seen.add(fn.name);
    if (fn.inherited) this.shared.push(fn);
    else this.report('iac-gateway-timeout-exceeds-lambda', fn.path, fn.message);
  }

  /** A function no route of this template reaches, whose `outputs` an API in another template may read. */
  addExported(fn: GatewayFunction, outputs: readonly string[]): void {
    if (outlivesGateway(fn.timeout, fn.limit) && outputs.length > 0 && !this.seen.has(fn.name))
      this.exported.push({ fn, outputs });
  }

  /** Reports the shared default once, at its value, naming every function behind the API that inherits it. */
  finish(): void {
    this.finishExported();
    const first = this.shared[0];
    if (first === undefined) return;
    const timeout = first.timeout;
    const limit = Math.min(...this.shared.map((f) => f.limit));
    const names = this.shared.map((f) => f.name).join(', ');
    this.report(
      'iac-gateway-timeout-exceeds-lambda',
      this.defaultPath ?? first.path,
      `${this.what} ${timeout}s is at least API Gateway's ${limit}s integration timeout for ${names}: clients get 504 while they keep running`,
    );
  }

  /** Tentative findings for exported functions, kept by the project pass when another template routes them. */
  private finishExported(): void {
    const inherited = this.exported.filter((e) => e.fn.inherited);
    for (const { fn, outputs } of this.exported.filter((e) => !e.fn.inherited))
      this.report(
        'iac-gateway-timeout-exceeds-lambda',
        fn.path,
        `${fn.message} (routed by an API in another template)`,
        {
          stackRouted: { outputs, seconds: fn.timeout },
        },
      );
    const first = inherited[0]?.fn;
    // The default's line is reported already when functions behind this template's own API inherit it.
    if (first === undefined || this.shared.length > 0) return;
    this.report(
      'iac-gateway-timeout-exceeds-lambda',
      this.defaultPath ?? first.path,
      `${this.what} ${first.timeout}s is at least API Gateway's integration timeout for ${inherited.map((e) => e.fn.name).join(', ')}, routed by an API in another template: clients get 504 while they keep running`,
      { stackRouted: { outputs: inherited.flatMap((e) => e.outputs), seconds: first.timeout } },
    );
  }
}
