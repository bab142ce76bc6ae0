import { describe, expect, it } from 'vitest';
import { buildsInstance, callsMethod } from './handedInstances.js';

describe('buildsInstance', () => {
  it('sees a constructed instance of the class', () => {
    expect(buildsInstance('const svc = new SummaryService(repo);', 'SummaryService')).toBe(true);
    expect(buildsInstance('this.svc = new SummaryService<Row>(repo);', 'SummaryService')).toBe(true);
  });
  it('does not take a type annotation or a longer class name for a construction', () => {
    expect(buildsInstance('constructor(private svc: SummaryService) {}', 'SummaryService')).toBe(false);
    expect(buildsInstance('const s = new SummaryServiceMock();', 'SummaryService')).toBe(false);
  });
});

describe('callsMethod', () => {
  it('sees a member call, optional, on this or with type arguments', () => {
    expect(callsMethod('await summarySrv.getHoldings(id)', ['getHoldings'])).toBe(true);
    expect(callsMethod('await this.svc?.getHoldings(id)', ['getHoldings'])).toBe(true);
    expect(callsMethod('await svc.getHoldings<Row[]>(id)', ['getHoldings'])).toBe(true);
  });
  it('does not take a bare call or a longer name for the method', () => {
    expect(callsMethod('await getHoldings(id)', ['getHoldings'])).toBe(false);
    expect(callsMethod('await svc.getHoldingsPage(id)', ['getHoldings'])).toBe(false);
  });
});
