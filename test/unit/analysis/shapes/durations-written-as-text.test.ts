// A wait written as a duration in text (`ms('2s')`, `parseDuration('5s')`) is the same for every client: a fixed
// wait, without jitter. One computed from something else (`ms(config.retry)`) stays out of sight.
import { runLibraryTable } from '../libraries/library-table';

/** Five attempts of a fetch, each failure followed by a wait of `delay`, held in a const made by `parser`. */
function waitsFor(parser: string, delay: string): string {
  return `import ${parser} from '${parser === 'ms' ? 'ms' : 'parse-duration'}';
const WAIT = ${parser}(${delay});
export async function load(url) {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return await fetch(url);
    } catch {
      await new Promise((resolve) => setTimeout(resolve, WAIT));
    }
  }
}`;
}

describe('shapes: durations written as text', () => {
  runLibraryTable([], [
    { title: "`ms('2s')`: a fixed wait", code: waitsFor('ms', "'2s'"), findings: [[4, 'retry-without-jitter']], messages: ['fixed delay'] },
    { title: "`parseDuration('5s')`: a fixed wait", code: waitsFor('parseDuration', "'5s'"), findings: [[4, 'retry-without-jitter']] },
    { title: '`ms(process.env.RETRY_WAIT)`: out of sight, silent', code: waitsFor('ms', 'process.env.RETRY_WAIT'), findings: [] },
  ]);
});
