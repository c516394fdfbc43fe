/**
 * The known key a misspelt one most likely meant: the same but for case, or at most two edits away (and fewer
 * edits than half its length, so short keys do not all look alike). Undefined when none is that close.
 */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  const sameButCase = known.find(candidate => candidate.toLowerCase() === key.toLowerCase());
  if (sameButCase !== undefined) return sameButCase;
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(key, candidate);
    if (distance <= 2 && distance * 2 < candidate.length && (best === undefined || distance < best.distance)) {
      best = { candidate, distance };
    }
  }
  return best?.candidate;
}

/** Levenshtein distance: insertions, deletions and substitutions. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] as number;
}
