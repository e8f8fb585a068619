import * as assert from 'node:assert/strict';
import { buildDecisionNote, evidenceLink, type NoteFinding } from '../../../src/decision-note/decision-note';

const assumptions = ['Contracts are versioned. Versioning is how you change safely without breaking consumers.', 'Failures are observable. If failures are invisible, incident cost rises and trust falls.'];

function finding(ruleId: string, path: string, line: number): NoteFinding {
  return { ruleId, path, line, link: evidenceLink('/work', { scheme: 'file', path: `/work/${path}`, uri: `file:///work/${path}` }, line), message: `${ruleId} at ${line}` };
}

describe('decision note', () => {
  const base = { workspaceName: 'shop', date: new Date('2026-11-24T10:00:00Z'), assumptions };

  it('follows the artefact: title, context, assumptions to keep or strike, evidence, options, chosen action, signals', () => {
    const note = buildDecisionNote({ ...base, findings: [] });
    const headings = note.split('\n').filter((line) => line.startsWith('#'));
    assert.deepEqual(headings, [
      '# Decision note: retries and idempotency in shop',
      '## Context', '## Assumptions (keep or strike)', '## Evidence', '## Options considered', '## Chosen action', '## How we will know it works (signals)',
    ]);
    for (const assumption of assumptions) assert.ok(note.includes(`- [ ] ${assumption}`));
    assert.match(note, /Synchronous call/);
    assert.match(note, /Asynchronous message/);
    assert.match(note, /no retry or idempotency findings/);
    assert.match(note, /Simulator: not run yet/);
  });

  it('lists findings by rule with file links, and counts what does not fit on the page', () => {
    const findings = [
      ...Array.from({ length: 7 }, (_, i) => finding('unbounded-retry', 'src/a.ts', i + 1)),
      finding('missing-idempotency-key', 'src/pay.ts', 12),
    ];
    const note = buildDecisionNote({ ...base, findings });
    assert.ok(note.includes('- **missing-idempotency-key**: 1 finding\n  - [src/pay.ts:12](src/pay.ts#L12)'));
    assert.ok(note.includes('- **unbounded-retry**: 7 findings'));
    assert.equal((note.match(/\(src\/a\.ts#L\d\)/g) ?? []).length, 5);
    assert.match(note, /and 2 more \(see the Problems panel\)/);
    assert.ok(note.split('\n').length < 60, 'fits on one page');
  });

  it('quotes the simulator figures when the reader ran it', () => {
    const note = buildDecisionNote({
      ...base,
      findings: [],
      practice: { preset: 'retry-storm', summary: { peakAmplification: 14.23, recoverySeconds: null, lost: 0, duplicates: 118, totalRequests: 6000, succeeded: 5000, failed: 0 }, sentences: [] },
    });
    assert.match(note, /Simulator \(Retry storm\): peak load on B 14\.2× the client rate; did not recover within the run; 118 duplicates; 0 lost\./);
  });

  describe('evidence links, relative to the note', () => {
    const file = (filePath: string) => ({ scheme: 'file', path: filePath, uri: `file://${filePath}` });

    it('leads from the note in the workspace root to a file below it', () => {
      assert.equal(evidenceLink('/work/shop', file('/work/shop/src/pay.ts'), 12), 'src/pay.ts#L12');
    });

    it('climbs out of the note\'s folder to a file beside it (another folder of the workspace)', () => {
      assert.equal(evidenceLink('/work/shop/docs', file('/work/shop/src/pay.ts'), 3), '../src/pay.ts#L3');
      assert.equal(evidenceLink('/work/shop', file('/work/billing/src/pay.ts'), 3), '../billing/src/pay.ts#L3');
    });

    it('encodes what would end the link or start its fragment', () => {
      assert.equal(evidenceLink('/work/shop', file('/work/shop/my src/a#b (1).ts'), 1), 'my%20src/a%23b%20(1).ts#L1');
    });

    it('keeps the absolute URI of an unsaved file, or when the note has no folder', () => {
      assert.equal(evidenceLink('/work/shop', { scheme: 'untitled', path: 'Untitled-1', uri: 'untitled:Untitled-1' }, 2), 'untitled:Untitled-1#L2');
      assert.equal(evidenceLink(undefined, file('/work/shop/src/pay.ts'), 2), 'file:///work/shop/src/pay.ts#L2');
    });
  });
});
