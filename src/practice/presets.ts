// The three scenarios the practice view offers: the same clients and the same brownout of B, met three ways.
import { DEFAULT_INPUT, type SimulationInput } from './input';

export type PresetId = 'retry-storm' | 'capped-jitter' | 'queue';

export interface Preset {
  id: PresetId;
  label: string;
  /** One sentence for the UI: what this preset does differently. */
  description: string;
  /** A complete input; the UI starts from it and applies the learner's changes. */
  input: SimulationInput;
}

/** Only the integration style and the retry policy differ, so any difference in the outcome comes from them. */
function variant(changes: Pick<SimulationInput, 'style' | 'retry'>): SimulationInput {
  return {
    ...DEFAULT_INPUT,
    ...changes,
    serviceB: { ...DEFAULT_INPUT.serviceB },
    brownout: { ...DEFAULT_INPUT.brownout },
    queue: { ...DEFAULT_INPUT.queue },
  };
}

export const PRESETS: readonly Preset[] = [
  {
    id: 'retry-storm',
    label: 'Retry storm',
    description: 'A calls B and waits; on a timeout it retries at once, with no limit, no backoff and no jitter.',
    input: variant({
      style: 'sync',
      retry: { maxAttempts: null, backoff: 'none', baseDelayMs: 0, maxDelayMs: 0, jitter: false },
    }),
  },
  {
    id: 'capped-jitter',
    label: 'Capped + jitter',
    description: 'A calls B and waits; it tries at most 3 times, with exponential backoff and full jitter.',
    input: variant({
      style: 'sync',
      retry: { maxAttempts: 3, backoff: 'exponential', baseDelayMs: 200, maxDelayMs: 5000, jitter: true },
    }),
  },
  {
    id: 'queue',
    label: 'Queue',
    description: 'Clients put requests on a bounded queue; consumers feed B no faster than they and B can go.',
    input: variant({ style: 'async', retry: { ...DEFAULT_INPUT.retry } }),
  },
];

export function getPreset(id: PresetId): Preset {
  const preset = PRESETS.find((candidate) => candidate.id === id);
  if (!preset) throw new Error(`Unknown preset ${id}`);
  return preset;
}
