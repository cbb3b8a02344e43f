/**
 * Edit distance with adjacent transpositions (optimal string alignment): "pedcure" → "pedicure" is 1,
 * "manicrue" → "manicure" is 1. Stops early and returns `limit + 1` once the distance exceeds `limit`.
 */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (beforePrevious[j - 2] ?? 0) + 1);
      }
      current.push(value);
      rowMinimum = Math.min(rowMinimum, value);
    }
    if (rowMinimum > limit) return limit + 1;
    beforePrevious = previous;
    previous = current;
  }
  return Math.min(previous[b.length] ?? limit + 1, limit + 1);
}

/** How many typos a word of this length may carry and still be recognised: none below 6 letters. */
export function typoAllowance(length: number): number {
  if (length >= 9) return 2;
  if (length >= 6) return 1;
  return 0;
}

/** The closest of `targets` within the word's allowance, or null. Ties go to the first target listed. */
export function closestWord(word: string, targets: readonly string[]): string | null {
  const allowance = typoAllowance(word.length);
  if (allowance === 0) return null;
  let best: string | null = null;
  let bestDistance = allowance + 1;
  for (const target of targets) {
    const limit = Math.min(allowance, typoAllowance(target.length));
    if (limit === 0) continue;
    const distance = editDistance(word, target, limit);
    if (distance <= limit && distance < bestDistance) {
      best = target;
      bestDistance = distance;
    }
  }
  return best;
}
