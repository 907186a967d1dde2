/** Time source of the simulator (milliseconds). Tests pass a controllable one to cross expiry times. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export function nowSeconds(clock: Clock): number {
  return Math.floor(clock.now() / 1000);
}

/** A clock that only moves when told to; `advance` takes seconds. */
export interface ManualClock extends Clock {
  advance(seconds: number): void;
  set(ms: number): void;
}

export function manualClock(startMs: number = Date.now()): ManualClock {
  let current = startMs;
  return {
    now: () => current,
    advance: (seconds) => {
      current += seconds * 1000;
    },
    set: (ms) => {
      current = ms;
    },
  };
}
