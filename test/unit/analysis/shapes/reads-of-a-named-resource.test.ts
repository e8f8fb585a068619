// A loop that reads one named resource (`vault.read('secret/data/app')`, a key held in a const) and waits after a
// failure retries that read: the same thing is asked again. Look-alike: `reader.read()` or `stream.read(size)` hands
// the loop the next chunk of a stream, new input each round, so going round after a failure is no retry of it.
import { runLibraryTable } from '../libraries/library-table';

/** Reads `key` up to five times, waiting a fixed 3 s after each failure; `declarations` come before the function. */
function secretLoop(read: string, declarations = ''): string {
  return `${declarations}
export async function loadSecrets(retries = 5) {
  for (let attempt = 1; attempt <= retries; attempt++) {
    try {
      const result = await ${read};
      return result.data;
    } catch (err) {
      if (attempt === retries) throw err;
      await sleep(3000);
    }
  }
}`;
}

describe('shapes: reads of a named resource', () => {
  runLibraryTable([], [
    { title: 'a read of a literal path, retried after a fixed wait: reported', code: secretLoop("vault.read('secret/data/app')"), findings: [[3, 'retry-without-jitter']] },
    {
      title: 'a read of a path held in a const template: reported',
      code: secretLoop('vault.read(secretPath)', 'const secretPath = `secret/data/${process.env.APP}`;'),
      findings: [[3, 'retry-without-jitter']],
    },
    { title: 'a read with no argument hands the loop the next chunk: silent', code: secretLoop('reader.read()'), findings: [] },
    { title: 'a read of a size, the next chunk of a stream: silent', code: secretLoop('stream.read(chunkSize)', 'const chunkSize = 1024;'), findings: [] },
  ]);
});
