// A counted loop whose limit lets it make one attempt only is no retry, whichever number it counts from: from 1
// while `attempt <= 1`, or up to a field the class gives one value (`this.maxRetries = 1` in the constructor). Two
// attempts or more, or a field a caller may set to anything, are a retry as before.
import { runLibraryTable } from '../libraries/library-table';

/** A class whose `withRetry` loops from 1 while `attempt <= this.maxRetries`, the field set in the constructor to `setTo`. */
function retryingService(setTo: string, more = ''): string {
  return `export class Prices {
  constructor(options) {
    this.maxRetries = ${setTo};
    this.retryDelay = 3000;
  }
  ${more}
  async withRetry(operation) {
    for (let attempt = 1; attempt <= this.maxRetries; attempt++) {
      try {
        return await operation();
      } catch (error) {
        if (attempt < this.maxRetries) {
          await new Promise((resolve) => setTimeout(resolve, this.retryDelay * attempt));
          continue;
        }
        throw error;
      }
    }
  }
}`;
}

describe('shapes: loops that never go round', () => {
  runLibraryTable([], [
    {
      title: 'a field set to 1 in the constructor, counted from 1 with `<=`: one attempt, silent',
      code: retryingService('1'),
      fileName: 'prices.js',
      findings: [],
    },
    {
      title: 'the same field set to 3: a retry with a growing wait and no jitter',
      code: retryingService('3'),
      fileName: 'prices.js',
      findings: [[8, 'retry-without-jitter']],
    },
    {
      title: 'a field set to 1 and set again by a method (a caller may raise it): read as before',
      code: retryingService('1', 'setRetries(count) { this.maxRetries = count; }'),
      fileName: 'prices.js',
      findings: [[8, 'retry-without-jitter']],
    },
    {
      title: 'a `const` of 1, counted from 1 with `<=`: silent',
      code: `const MAX_ATTEMPTS = 1;
export async function load(url) {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    try {
      return await fetch(url);
    } catch (error) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}`,
      findings: [],
    },
  ]);
});
