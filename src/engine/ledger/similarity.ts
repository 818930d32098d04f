/**
 * How alike two annotation titles are, for recognising a lightly edited comment as the same item.
 *
 * The measure is the Dice coefficient over character bigrams of the normalised titles (lower
 * case, punctuation dropped, whitespace collapsed): 2·|common bigrams| / (|bigrams a| + |bigrams b|),
 * counting repeated bigrams as often as they occur. It is 1 for equal titles and 0 for titles
 * that share no pair of adjacent characters. A typo fix or a reworded word keeps it high; a new
 * sentence drops it well below the threshold.
 */

/** Titles at least this similar (and with the same tag, in the same file) are the same item, lightly edited. */
export const TITLE_SIMILARITY_THRESHOLD = 0.6;

/** Lower case, letters and digits only, single spaces: what similarity compares. */
export function similarityText(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The multiset of character bigrams of an already normalised text, as bigram → count. */
export function bigrams(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + 1 < text.length; i++) {
    const gram = text.slice(i, i + 2);
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

function total(counts: ReadonlyMap<string, number>): number {
  let n = 0;
  for (const c of counts.values()) n += c;
  return n;
}

/** Dice coefficient of two bigram multisets (see the module comment); 0 when either is empty. */
export function diceOfBigrams(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  const sizeA = total(a);
  const sizeB = total(b);
  if (sizeA === 0 || sizeB === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let common = 0;
  for (const [gram, count] of small) {
    const other = large.get(gram);
    if (other !== undefined) common += Math.min(count, other);
  }
  return (2 * common) / (sizeA + sizeB);
}

/**
 * Whether one normalised title is the other with words added at its end (`fix the retry` and
 * `fix the retry loop in the payments client`): a sentence that goes on, however far, is the same
 * item. The shorter must be at least {@link MIN_GROWN_TITLE} characters, so that `fix` does not
 * claim every title that starts with it.
 */
export function oneExtendsTheOther(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= MIN_GROWN_TITLE && long.length > short.length && long.charCodeAt(short.length) === 32 && long.startsWith(short);
}

/** See {@link oneExtendsTheOther}. */
export const MIN_GROWN_TITLE = 12;

/** Similarity of two titles in [0, 1]; titles too short to have a bigram are never similar. */
export function titleSimilarity(a: string, b: string): number {
  return diceOfBigrams(bigrams(similarityText(a)), bigrams(similarityText(b)));
}
