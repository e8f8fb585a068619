// A loop that waits for a file to appear on the local disk (`fs.existsSync(path)`, or `await fs.readFile(path)` on the
// module, then a sleep) asks no dependency anything: there is no load to spread, so it is no retry. The same loop
// that also asks a server is one.
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

/** A loop that tries `read` until a build has written the file, logging each miss at the verbose level. */
function pollForFile(read: string): string {
  return `import { promises as fs } from 'node:fs';
import { Logger } from './logger';
export async function pollForFile(filePath: string) {
  let attempts = 0;
  const pause = () => new Promise((resolve) => setTimeout(resolve, 200));
  while (attempts < 10) {
    try {
      return await ${read};
    } catch (e) {
      attempts++;
      Logger.verbose(\`Unable to locate \${filePath} (attempt \${attempts})\`);
    }
    await pause();
  }
  throw new Error(\`Unable to locate \${filePath}\`);
}`;
}

describe('shapes: waits for a file on the local disk', () => {
  runLibraryTable([], [
    { title: 'a loop that only checks fs.existsSync between sleeps: silent', code: waitForFile('fs.existsSync(`${path}/ready`)'), findings: [] },
    { title: 'a loop that tries `await fs.readFile(path)` until the file is written, logging at the verbose level: silent', code: pollForFile("fs.readFile(filePath, 'utf-8')"), findings: [] },
    {
      title: 'the same loop fetching the file from a server retries that server without jitter',
      code: pollForFile('(await fetch(`https://files.example.com/${filePath}`)).text()'),
      findings: [[6, 'retry-without-jitter']],
    },
    {
      title: 'the same loop asking a server whether the file is there retries that server without jitter',
      code: waitForFile('(await fetch(`https://files.example.com/${path}`)).ok'),
      findings: [[4, 'retry-without-jitter']],
    },
  ]);
});
