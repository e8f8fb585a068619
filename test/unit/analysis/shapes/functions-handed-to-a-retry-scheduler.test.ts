// A request function that hands itself to a retry scheduler of the same file, from each of its failure paths:
// `this.retryOrReject(error, attempt, deferred, attemptRequest)`, whose timer runs it again with the count
// raised, after testing the count. Whether and when it runs again is decided in the scheduler, so it is judged
// there, once, and not as a self-call at each place that hands it over.
import { runLibraryTable } from '../libraries/library-table';

const client = (scheduler: string) => `import https from 'node:https';
export class NetworkClient {
  get(options: https.RequestOptions, maxRetries: number): Promise<string> {
    const attemptRequest = (attempt: number): Promise<string> => new Promise((resolve, reject) => {
      const req = https.get(options, (res) => {
        if (res.statusCode !== 200) return this.retryOrReject(new Error('status'), attempt, maxRetries, { resolve, reject }, attemptRequest);
        res.on('end', () => resolve('ok'));
      });
      req.on('timeout', () => this.retryOrReject(new Error('timeout'), attempt, maxRetries, { resolve, reject }, attemptRequest));
      req.on('error', (error) => this.retryOrReject(error, attempt, maxRetries, { resolve, reject }, attemptRequest));
    });
    return attemptRequest(0);
  }
${scheduler}
}`;

describe('shapes: a function handed to a retry scheduler of the file', () => {
  runLibraryTable([], [
    {
      title: 'judged at the scheduler: capped there, its growing wait without jitter is the one finding',
      code: client(`  private retryOrReject(error: Error, attempt: number, maxRetries: number, deferred: { resolve(value: string): void; reject(error: Error): void }, attemptRequest: (attempt: number) => Promise<string>) {
    if (attempt < maxRetries) {
      const delay = 500 * Math.pow(2, attempt);
      setTimeout(() => {
        attemptRequest(attempt + 1).then(deferred.resolve).catch(deferred.reject);
      }, delay);
    } else {
      deferred.reject(error);
    }
  }`),
      findings: [[17, 'retry-without-jitter']],
      messages: ['`retryOrReject()` retry scheduler'],
    },
    {
      title: 'look-alike: a helper not named for retrying that runs the function at once leaves the self-call to be judged where it is',
      code: client(`  private retryOrReject(error: Error, attempt: number, maxRetries: number, deferred: { resolve(value: string): void; reject(error: Error): void }, attemptRequest: (attempt: number) => Promise<string>) {
    console.warn(error, maxRetries);
    attemptRequest(attempt + 1).then(deferred.resolve).catch(deferred.reject);
  }`),
      findings: [[6, 'unbounded-retry'], [9, 'unbounded-retry'], [10, 'unbounded-retry']],
    },
  ]);
});
