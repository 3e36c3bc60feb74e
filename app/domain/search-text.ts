// Vietnamese search text rules shared by the embedded engine (and its tests): how text is split
// into words, and how many typos a word may carry. They follow Meilisearch's defaults so both
// engines answer alike: 1 typo from 5 letters, 2 from 9; a wrong first letter costs 2; swapping
// two neighbouring letters costs 1.
import { foldVietnamese } from "./text.ts";

/** Lower-case words with their accents kept ("Nước mắm" → ["nước", "mắm"]). */
export function accentedWords(text: string) {
  return (
    text
      .normalize("NFC")
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/** Folded words ("Nước mắm" → ["nuoc", "mam"]); same count and order as accentedWords. */
export function foldedWords(text: string) {
  return accentedWords(text).map(foldVietnamese);
}

export function typoBudget(word: string) {
  if (word.length >= 9) return 2;
  if (word.length >= 5) return 1;
  return 0;
}

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent swaps), where any edit of the first
 * letter costs 2. Stops early and returns max + 1 once the distance must exceed max.
 */
export function typoDistance(a: string, b: string, max: number) {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
  for (let i = 0; i < rows; i++) d[i]![0] = i === 0 ? 0 : i + 1; // deleting the first letter costs 2
  for (let j = 0; j < cols; j++) d[0]![j] = j === 0 ? 0 : j + 1;
  for (let i = 1; i < rows; i++) {
    let rowMin = Infinity;
    for (let j = 1; j < cols; j++) {
      const firstLetter = i === 1 || j === 1 ? 2 : 1;
      const substitution = a[i - 1] === b[j - 1] ? 0 : firstLetter;
      let best = Math.min(
        d[i - 1]![j]! + firstLetter,
        d[i]![j - 1]! + firstLetter,
        d[i - 1]![j - 1]! + substitution,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      }
      d[i]![j] = best;
      rowMin = Math.min(rowMin, best);
    }
    if (rowMin > max) return max + 1;
  }
  return d[rows - 1]![cols - 1]!;
}
