// The "maybe you meant" suggestions of AWS CLI v1's invalid-choice message:
// Python's difflib.get_close_matches(value, choices, n=3, cutoff=0.8).

/** difflib.SequenceMatcher(None, a, b).ratio() for short strings (no junk heuristic applies). */
export function similarityRatio(a: string, b: string): number {
  const left = Array.from(a);
  const right = Array.from(b);
  const total = left.length + right.length;
  if (total === 0) return 1;
  return (2 * matchingCharacters(left, right)) / total;
}

function matchingCharacters(a: string[], b: string[]): number {
  const positions = new Map<string, number[]>();
  b.forEach((ch, j) => {
    const list = positions.get(ch);
    if (list) list.push(j);
    else positions.set(ch, [j]);
  });
  let matched = 0;
  const pending: Array<[number, number, number, number]> = [[0, a.length, 0, b.length]];
  while (pending.length > 0) {
    const [alo, ahi, blo, bhi] = pending.pop()!;
    const [i, j, size] = longestMatch(a, positions, alo, ahi, blo, bhi);
    if (size === 0) continue;
    matched += size;
    if (alo < i && blo < j) pending.push([alo, i, blo, j]);
    if (i + size < ahi && j + size < bhi) pending.push([i + size, ahi, j + size, bhi]);
  }
  return matched;
}

/** The first longest common run of a[alo:ahi] and b[blo:bhi], as difflib finds it. */
function longestMatch(
  a: string[],
  positions: Map<string, number[]>,
  alo: number,
  ahi: number,
  blo: number,
  bhi: number,
): [number, number, number] {
  let bestI = alo;
  let bestJ = blo;
  let bestSize = 0;
  let runEndingAt = new Map<number, number>();
  for (let i = alo; i < ahi; i++) {
    const next = new Map<number, number>();
    for (const j of positions.get(a[i]!) ?? []) {
      if (j < blo) continue;
      if (j >= bhi) break;
      const k = (runEndingAt.get(j - 1) ?? 0) + 1;
      next.set(j, k);
      if (k > bestSize) {
        bestI = i - k + 1;
        bestJ = j - k + 1;
        bestSize = k;
      }
    }
    runEndingAt = next;
  }
  return [bestI, bestJ, bestSize];
}

export function closeMatches(value: string, choices: readonly string[], cutoff = 0.8, limit = 3): string[] {
  return choices
    .map((choice) => ({ choice, score: similarityRatio(choice, value) }))
    .filter(({ score }) => score >= cutoff)
    .sort((x, y) => y.score - x.score || (x.choice < y.choice ? 1 : x.choice > y.choice ? -1 : 0))
    .slice(0, limit)
    .map(({ choice }) => choice);
}
