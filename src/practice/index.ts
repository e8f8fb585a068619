// The retry-storm simulator: a deterministic, DOM-free engine for the practice view.
//
// The model, in short. Time advances in ticks of TICK_MS. Each tick, clients arrive (Poisson, seeded).
// Synchronous: A sends each request to B as an attempt; B starts at most its capacity per tick from its own
// bounded backlog (a full backlog drops the attempt); an answer later than A's timeout is a failure to A, which
// retries per policy, while B still does the late work (wasted, and a duplicate if another attempt is done too).
// Asynchronous: requests go into a bounded buffer (full = lost) and consumers feed B no faster than they and B
// can go, without timeouts or retries. B's capacity drops and its latency rises during the brownout.
export {
  DEFAULT_INPUT,
  RANGES,
  TICK_MS,
  validateInput,
  type Backoff,
  type Brownout,
  type IntegrationStyle,
  type QueueSettings,
  type RetryPolicy,
  type ServiceB,
  type SimulationInput,
  type SimulationInputPatch,
  type ValidationResult,
} from './input';
export { PRESETS, getPreset, type Preset, type PresetId } from './presets';
export { createRandom, poisson, type Random } from './random';
export { ATTEMPT_BUDGET, retryDelayMs, simulate, type SimulationResult, type SimulationSummary } from './simulator';
export { describeSummary, formatCount } from './summary';
export { WINDOW_TICKS, type StepStats } from './timeline';
