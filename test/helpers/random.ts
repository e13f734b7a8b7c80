/** A small deterministic generator of numbers in [0, 1), so a failing random edit can be replayed from its seed. */
export function random(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
}
