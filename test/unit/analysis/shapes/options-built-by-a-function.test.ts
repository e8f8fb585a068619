// Request options built by a function of the file (`const options = this.requestOptions(timeout)`) are the object
// its only return hands back: the method it states is the request's.
import { runLibraryTable } from '../libraries/library-table';

const sender = (builder: string) => `import https from 'node:https';
export class Sender {
  constructor(private host: string) {}
  send(data: Buffer, attempt = 0): Promise<void> {
    const options = this.requestOptions(data.length);
    return new Promise((resolve, reject) => {
      const req = https.request(options, () => resolve());
      req.on('error', (error) => {
        if (attempt < 3) resolve(this.send(data, attempt + 1));
        else reject(error);
      });
      req.end(data);
    });
  }
${builder}
}`;

describe('shapes: request options built by a function of the file', () => {
  runLibraryTable([], [
    {
      title: 'a builder whose only return states method POST: the retried request is a POST without a key',
      code: sender(`  private requestOptions(length: number) {
    return { hostname: this.host, path: '/write', method: 'POST', headers: { 'Content-Length': length } };
  }`),
      findings: [[7, 'missing-idempotency-key'], [9, 'retry-without-jitter']],
    },
    {
      title: 'a builder with two returns may state either: the method stays out of sight',
      code: sender(`  private requestOptions(length: number) {
    if (length === 0) return { hostname: this.host, path: '/ping', method: 'GET' };
    return { hostname: this.host, path: '/write', method: 'POST', headers: { 'Content-Length': length } };
  }`),
      findings: [[9, 'retry-without-jitter']],
    },
  ]);
});
