// Two delays whose parts lie out of sight but whose kind does not: a power whose exponent is a count kept elsewhere
// (`Math.pow(2, progress.retryCount) * 1000`, a React state read) still grows without jitter, since nobody jitters a
// wait through its exponent; and a `retryAfter` read off the error or the answer itself is the server's, so where it
// has a fixed fallback (`retryAfter ? parseInt(retryAfter) : 60`), the fallback decides, as for any Retry-After.
import assert from 'node:assert/strict';
import { analyze } from '../../../../src/analysis';
import { runLibraryTable } from '../libraries/library-table';

/** A component's job start that retries itself from its catch, with a capped count and the delay `delay`. */
function retriedFromState(delay: string): string {
  return `import { useEffect, useState } from 'react';
export function Generation() {
  const [progress, setProgress] = useState({ retryCount: 0 });
  useEffect(() => {
    const start = async () => {
      try {
        await fetch('/api/jobs/status');
      } catch (error) {
        if (progress.retryCount < 3) {
          setProgress((previous) => ({ ...previous, retryCount: previous.retryCount + 1 }));
          setTimeout(() => start(), ${delay});
        }
      }
    };
    start();
  }, []);
  return null;
}`;
}

/** A batch run again after the time the failure names, or `fallback` seconds. */
function rerunAfterRateLimit(retryAfter: string, fallback: string): string {
  return `export class Batcher {
  async run(items: string[], attempt = 0): Promise<void> {
    try {
      await this.client.send(items);
    } catch (error: any) {
      if (error.status !== 429 || attempt >= 3) throw error;
      const retryAfter = ${retryAfter};
      const seconds = retryAfter ? parseInt(retryAfter) : ${fallback};
      setTimeout(() => this.run(items, attempt + 1), seconds * 1000);
    }
  }
}`;
}

describe('shapes: delays read off the failure, or sized by an exponent out of sight', () => {
  // The component's cap reads a stale copy of its state, which never reaches 3: it goes round forever, and says
  // what its waits lack (or not) in the same finding.
  const cases: [string, string, string | undefined][] = [
    ['a power of a count kept in component state grows without jitter', 'Math.pow(2, progress.retryCount) * 1000', 'Its backoff also has no jitter'],
    ['the same with `**`', '2 ** progress.retryCount * 1000', 'Its backoff also has no jitter'],
    ['randomness added beside the power is jitter', 'Math.pow(2, progress.retryCount) * 1000 + Math.random() * 500', undefined],
    ['a factor worked out by a helper out of sight may be the jitter', 'Math.pow(2, progress.retryCount) * spread()', undefined],
  ];
  for (const [title, delay, jitterGap] of cases) {
    it(`${title}: ${jitterGap ? 'said' : 'nothing said of the waits'}`, () => {
      const findings = analyze(retriedFromState(delay), 'generation.tsx');
      assert.deepEqual(findings.map((finding) => [finding.range.start.line + 1, finding.ruleId]), [[11, 'unbounded-retry']]);
      if (jitterGap) assert.ok(findings[0]!.message.includes(jitterGap), findings[0]!.message);
      else assert.ok(!/jitter/i.test(findings[0]!.message), findings[0]!.message);
    });
  }

  runLibraryTable([], [
    {
      title: "a retryAfter read off the error, with a fixed fallback: the fallback's fixed wait is reported",
      code: rerunAfterRateLimit("error.details?.find((detail: any) => detail.type === 'RetryInfo')?.retryDelay", '60'),
      findings: [[9, 'retry-without-jitter']],
      messages: ['waits a fixed delay'],
    },
    {
      title: 'a retryAfter worked out by a helper of another file: silent',
      code: rerunAfterRateLimit('rateLimits.delayFor(error)', '60'),
      findings: [],
    },
  ]);
});
