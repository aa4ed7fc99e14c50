/**
 * Preloaded (`--import`) into a worker process by clock-skew.test.ts: this process's wall clock reads `CLOCK_SKEW_MS`
 * ahead (negative: behind), as on a host whose clock has drifted. Only the wall clock moves, as on such a host: timers
 * and `performance.now()` are monotonic there too.
 */
const skew = Number(process.env.CLOCK_SKEW_MS ?? 0);
const RealDate = Date;
const now = () => RealDate.now() + skew;

globalThis.Date = new Proxy(RealDate, {
  construct: (target, args, newTarget) => Reflect.construct(target, args.length > 0 ? args : [now()], newTarget) as object,
  apply: () => new RealDate(now()).toString(),
  get: (target, prop, receiver) => (prop === "now" ? now : Reflect.get(target, prop, receiver)),
});
