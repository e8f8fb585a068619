// Where LOOP_FAILURE_TEXT's failure words lie in a file: found in one pass over the text, then asked for
// any extent (a loop, with its leading comments) by a binary search, instead of a test of each loop's
// text (which reads an outer loop's text again for every loop nested in it). retry-loops.ts and the
// pre-check ask the same question this one way, so they agree.
import { LOOP_FAILURE_TEXT } from './vocabulary';

/** Where the failure words start and end, in order. */
export interface FailureWords {
  starts: number[];
  ends: number[];
}

export function findFailureWords(text: string): FailureWords {
  const words: FailureWords = { starts: [], ends: [] };
  const pattern = new RegExp(LOOP_FAILURE_TEXT.source, 'gi');
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    words.starts.push(match.index);
    words.ends.push(match.index + match[0].length);
  }
  return words;
}

/**
 * Whether a failure word lies wholly in [start, end), as `LOOP_FAILURE_TEXT.test(text.slice(start, end))`
 * would say: loops start and end at token boundaries, which no failure word crosses. The matches
 * do not overlap, so the first one that starts in the range is the one that ends soonest.
 */
export function hasFailureWordIn(words: FailureWords, start: number, end: number): boolean {
  let low = 0;
  let high = words.starts.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (words.starts[middle]! < start) low = middle + 1;
    else high = middle;
  }
  return low < words.starts.length && words.ends[low]! <= end;
}
