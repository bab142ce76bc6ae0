// A discrete-event clock for simulations in simulated time: Date.now and setTimeout/clearTimeout are
// patched while it is installed, so backoff, cooldown and half-open waits cost nothing to run.

interface VirtualTimer {
  at: number;
  seq: number;
  fn: () => void;
  cleared: boolean;
  unref(): VirtualTimer;
  ref(): VirtualTimer;
  hasRef(): boolean;
}

/** A discrete-event clock: Date.now and setTimeout/clearTimeout are patched while `run` drives it. */
export class VirtualClock {
  now = 1_800_000_000_000;
  #timers: VirtualTimer[] = [];
  #seq = 0;

  install(): () => void {
    const saved = { now: Date.now, setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout };
    Date.now = () => this.now;
    globalThis.setTimeout = ((fn: () => void, ms?: number) =>
      this.schedule(fn, ms ?? 0)) as unknown as typeof setTimeout;
    globalThis.clearTimeout = ((t: VirtualTimer | undefined) => {
      if (t) t.cleared = true;
    }) as typeof clearTimeout;
    return () => {
      Date.now = saved.now;
      globalThis.setTimeout = saved.setTimeout;
      globalThis.clearTimeout = saved.clearTimeout;
    };
  }

  schedule(fn: () => void, ms: number): VirtualTimer {
    const timer: VirtualTimer = {
      at: this.now + Math.max(0, ms),
      seq: this.#seq++,
      fn,
      cleared: false,
      unref: () => timer,
      ref: () => timer,
      hasRef: () => false,
    };
    this.#timers.push(timer);
    return timer;
  }

  /** Fires timers in time order, letting every promise continuation run between two of them. */
  async run(): Promise<void> {
    const flush = () => new Promise<void>((resolve) => setImmediate(resolve));
    for (;;) {
      await flush();
      this.#timers = this.#timers.filter((t) => !t.cleared);
      if (this.#timers.length === 0) return;
      let next = this.#timers[0]!;
      for (const t of this.#timers) if (t.at < next.at || (t.at === next.at && t.seq < next.seq)) next = t;
      next.cleared = true;
      this.now = Math.max(this.now, next.at);
      next.fn();
    }
  }
}
