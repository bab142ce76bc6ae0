// A view of a dependency whose execute/fetch report their duration; everything else is the dependency's own.
// Methods are bound to the real object, so private fields (#state) keep working through the view.

export type CallObserver = (outcome: 'success' | 'error', durationMs: number) => void;

const TIMED = new Set<PropertyKey>(['execute', 'fetch']);

export function timedDependency<D extends object>(dependency: D, observe: CallObserver): D {
  const bound = new Map<PropertyKey, unknown>();
  return new Proxy(dependency, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      const cached = bound.get(key);
      if (cached !== undefined) return cached;
      const fn = value as (...args: unknown[]) => unknown;
      const wrapped = TIMED.has(key)
        ? async (...args: unknown[]) => {
            const start = performance.now();
            try {
              const result = await fn.apply(target, args);
              observe('success', performance.now() - start);
              return result;
            } catch (error) {
              observe('error', performance.now() - start);
              throw error;
            }
          }
        : fn.bind(target);
      bound.set(key, wrapped);
      return wrapped;
    },
  });
}
