// Small deterministic helpers: a seeded PRNG for random chunking and stable hashes for ids, so the
// same script and seed always give the same bytes (tests compare runs; the bench replays streams).

/** mulberry32: tiny, fast, good enough to pick chunk sizes. Returns floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over UTF-16 code units: a stable 32-bit hash of a string. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A deterministic string of `length` characters from `alphabet`, derived from `seed`. */
export function stableToken(seed: string, length: number, alphabet: string): string {
  const next = seededRandom(hash32(seed));
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(next() * alphabet.length)];
  return out;
}

const HEX = '0123456789abcdef';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** 32 hex digits, the shape SiliconFlow uses for completion and tool-call ids. */
export const hexId = (seed: string): string => stableToken(seed, 32, HEX);
/** `msg_` + 24 alphanumerics, the shape of SiliconFlow's /messages ids (not Anthropic's). */
export const messageId = (seed: string): string => `msg_${stableToken(seed, 24, ALNUM)}`;
/** Ten lowercase letters, like the short thinking signatures SiliconFlow sends. */
export const signatureFor = (seed: string): string => stableToken(seed, 10, 'abcdefghijklmnopqrstuvwxyz');
