// The run in a few plain sentences, shown beside the plot.
import type { SimulationResult } from './simulator';

/** 12345 -> "12,345", the same in every locale, so the text (and its tests) do not depend on the machine. */
export function formatCount(value: number): string {
  return String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "1 request" / "12 requests". */
function requests(count: number): string {
  return `${formatCount(count)} ${count === 1 ? 'request' : 'requests'}`;
}

function seconds(value: number): string {
  return `${Number(value.toFixed(1))} s`;
}

function amplificationSentence(result: SimulationResult): string {
  const peak = result.summary.peakAmplification;
  if (peak <= 1.05) return 'Load on B never rose above the client rate.';
  return `Peak load on B was ${peak.toFixed(1)}× the client rate.`;
}

function recoverySentence(result: SimulationResult): string {
  const { brownout } = result.input;
  const endS = brownout.startS + brownout.durationS;
  const runS = result.stoppedAtS ?? result.input.durationS;
  if (brownout.durationS <= 0 || brownout.startS >= runS) return 'B did not brown out in this run.';
  if (endS >= runS - 1e-9) return 'B was still browned out when the run ended.';
  const recovery = result.summary.recoverySeconds;
  if (recovery === null) return `B recovered at ${seconds(endS)}, but the system had not recovered when the run ended.`;
  if (recovery === 0) return `The system was back to normal as soon as B recovered at ${seconds(endS)}.`;
  return `The system took ${seconds(recovery)} to recover after B recovered at ${seconds(endS)}.`;
}

function duplicatesSentence(result: SimulationResult): string {
  const { duplicates } = result.summary;
  if (duplicates === 0) return 'B did no request twice.';
  return `B did ${requests(duplicates)} twice or more (duplicates): only an idempotency key makes that safe.`;
}

function lossSentence(result: SimulationResult): string {
  const { lost, failed, unfinished } = result.summary;
  if (result.input.style === 'async') {
    if (lost === 0) return 'Nothing was lost: the queue held every request.';
    return `${requests(lost)} were dropped because the queue was full.`;
  }
  if (failed > 0) {
    const attempts = result.input.retry.maxAttempts;
    const after = attempts === null ? '' : ` after ${attempts} ${attempts === 1 ? 'attempt' : 'attempts'}`;
    const never = lost === failed ? 'B never did any of them' : `B never did ${formatCount(lost)} of them`;
    return `${requests(failed)} failed${after}; ${never} (lost).`;
  }
  if (unfinished > 0) return `Nothing failed, but ${requests(unfinished)} were still waiting when the run ended.`;
  return 'Every request succeeded in the end; nothing was lost.';
}

/**
 * Four sentences: peak load amplification, recovery, duplicates, and what was lost or failed. A fifth when
 * the run was stopped early.
 */
export function describeSummary(result: SimulationResult): string[] {
  const sentences = [amplificationSentence(result), recoverySentence(result), duplicatesSentence(result), lossSentence(result)];
  if (result.stoppedAtS !== null) {
    sentences.push(`The run stopped early, at ${seconds(result.stoppedAtS)}: the retries became too many to simulate.`);
  }
  return sentences;
}
