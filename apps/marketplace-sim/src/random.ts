/**
 * Seeded pseudo-random numbers (mulberry32). Tokens and ids come from here so a seeded simulator
 * behaves the same on every run; this is a local test double, never a source of real secrets.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max]. */
  int(min: number, max: number): number;
  /** `length` lowercase hex characters. */
  hex(length: number): string;
  /** `length` alphanumeric characters. */
  alnum(length: number): string;
  /** True with probability `p`. */
  chance(p: number): boolean;
}

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = (alphabet: string, length: number) => {
    let out = "";
    for (let i = 0; i < length; i += 1) out += alphabet[Math.floor(next() * alphabet.length)];
    return out;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    hex: (length) => pick("0123456789abcdef", length),
    alnum: (length) => pick(ALNUM, length),
    chance: (p) => p > 0 && (p >= 1 || next() < p),
  };
}
