// A loop that waits for a file to appear on the local disk (`fs.existsSync(path)`, then a growing sleep) asks no
// dependency anything: there is no load to spread, so it is no retry. The same loop that also asks a server is one.
import { runLibraryTable } from '../libraries/library-table';

/** A loop of three rounds that checks `check` and otherwise sleeps a linearly growing, unjittered delay. */
function waitForFile(check: string): string {
  return `import fs from 'node:fs';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export async function waitForInput(path: string) {
  for (let i = 0; i < 3; i++) {
    try {
      if (${check}) break;
      await sleep(1000 + i * 1000);
    } catch (error) {
      await sleep(1000 + i * 1000);
    }
  }
}`;
}

describe('shapes: waits for a file on the local disk', () => {
  runLibraryTable([], [
    { title: 'a loop that only checks fs.existsSync between sleeps: silent', code: waitForFile('fs.existsSync(`${path}/ready`)'), findings: [] },
    {
      title: 'the same loop asking a server whether the file is there retries that server without jitter',
      code: waitForFile('(await fetch(`https://files.example.com/${path}`)).ok'),
      findings: [[4, 'retry-without-jitter']],
    },
  ]);
});
