// The optional practice: the retry-storm simulator, run in the page on every change of a control.
// Controls on the left, load on B over time as SVG, and the summary figures in words beside it.
import { PRESETS, describeSummary, simulate, type PresetId, type SimulationInput, type SimulationResult } from '../src/practice';
import { button, checkbox, dropdown, setChecked, setDropdownValue, type Choice } from './components';
import { h, svg } from './dom';
import { send } from './vscode-api';

/** One control: where its value lives in the input, and the choices offered. */
interface Control {
  id: string;
  label: string;
  choices: readonly Choice[];
  read(input: SimulationInput): string;
  write(input: SimulationInput, value: string): SimulationInput;
}

const numbers = (values: number[], unit = '') => values.map((value) => ({ value: String(value), label: `${value}${unit}` }));

const CONTROLS: readonly Control[] = [
  {
    id: 'practice-style', label: 'Integration style',
    choices: [{ value: 'sync', label: 'Synchronous call chain' }, { value: 'async', label: 'Asynchronous, through a queue' }],
    read: (input) => input.style,
    write: (input, value) => ({ ...input, style: value === 'async' ? 'async' : 'sync' }),
  },
  {
    id: 'practice-client-rate', label: 'Client requests per second', choices: numbers([50, 100, 130, 200]),
    read: (input) => String(input.clientRate),
    write: (input, value) => ({ ...input, clientRate: Number(value) }),
  },
  {
    id: 'practice-b-capacity', label: "B's capacity (requests per second)", choices: numbers([100, 150, 200, 400]),
    read: (input) => String(input.serviceB.capacityPerSecond),
    write: (input, value) => ({ ...input, serviceB: { ...input.serviceB, capacityPerSecond: Number(value) } }),
  },
  {
    id: 'practice-b-latency', label: "B's latency when healthy / during the slowdown",
    choices: [{ value: '50/600', label: '50 ms / 600 ms' }, { value: '50/1500', label: '50 ms / 1500 ms' }, { value: '100/600', label: '100 ms / 600 ms' }, { value: '20/300', label: '20 ms / 300 ms' }],
    read: (input) => `${input.serviceB.latencyMs}/${input.brownout.latencyMs}`,
    write: (input, value) => {
      const [healthy, slow] = value.split('/').map(Number);
      return { ...input, serviceB: { ...input.serviceB, latencyMs: healthy }, brownout: { ...input.brownout, latencyMs: slow } };
    },
  },
  {
    id: 'practice-brownout', label: 'B slows down for', choices: numbers([0, 5, 15, 30], ' s'),
    read: (input) => String(input.brownout.durationS),
    write: (input, value) => ({ ...input, brownout: { ...input.brownout, durationS: Number(value) } }),
  },
  {
    id: 'practice-timeout', label: "A's timeout", choices: numbers([250, 500, 1000, 2000], ' ms'),
    read: (input) => String(input.timeoutMs),
    write: (input, value) => ({ ...input, timeoutMs: Number(value) }),
  },
  {
    id: 'practice-attempts', label: 'Attempts per request',
    choices: [...numbers([1, 2, 3, 5, 10]), { value: 'unbounded', label: 'Unbounded' }],
    read: (input) => (input.retry.maxAttempts === null ? 'unbounded' : String(input.retry.maxAttempts)),
    write: (input, value) => ({ ...input, retry: { ...input.retry, maxAttempts: value === 'unbounded' ? null : Number(value) } }),
  },
  {
    id: 'practice-backoff', label: 'Backoff',
    choices: [{ value: 'none', label: 'None (retry at once)' }, { value: 'fixed', label: 'Fixed delay' }, { value: 'exponential', label: 'Exponential' }],
    read: (input) => input.retry.backoff,
    write: (input, value) => ({
      ...input,
      retry: { ...input.retry, backoff: value === 'fixed' || value === 'exponential' ? value : 'none', baseDelayMs: value === 'none' ? 0 : Math.max(input.retry.baseDelayMs, 200), maxDelayMs: 5000 },
    }),
  },
  {
    id: 'practice-queue-capacity', label: 'Queue buffer (messages)', choices: numbers([100, 500, 2000, 5000]),
    read: (input) => String(input.queue.capacity),
    write: (input, value) => ({ ...input, queue: { ...input.queue, capacity: Number(value) } }),
  },
  {
    id: 'practice-consumers', label: 'Queue consumers (40 messages per second each)', choices: numbers([1, 2, 4, 8]),
    read: (input) => String(input.queue.consumers),
    write: (input, value) => ({ ...input, queue: { ...input.queue, consumers: Number(value) } }),
  },
];

/** Ensures the current value is one of the choices, so a preset never shows an empty drop-down. */
function choicesWith(control: Control, input: SimulationInput): Choice[] {
  const current = control.read(input);
  return control.choices.some((choice) => choice.value === current) ? [...control.choices] : [...control.choices, { value: current, label: current }];
}

class PracticeView {
  private input: SimulationInput = PRESETS[0].input;
  private presetId: PresetId | null = 'retry-storm';
  readonly element: HTMLElement;
  private readonly plot = h('div', { class: 'practice-plot' });
  private readonly summary = h('ul', { class: 'practice-summary', 'aria-live': 'polite' });
  private readonly controls: HTMLElement;

  constructor() {
    this.controls = h('div', { class: 'practice-controls' },
      ...CONTROLS.map((control) => dropdown(control.id, control.label, choicesWith(control, this.input), control.read(this.input), (value) => this.change(control, value))),
      checkbox('Jitter (random part of each delay)', this.input.retry.jitter, (jitter) => this.update({ ...this.input, retry: { ...this.input.retry, jitter } }, null), 'practice-jitter'));
    const presets = h('div', { class: 'practice-presets', role: 'group', 'aria-label': 'Presets' },
      ...PRESETS.map((preset) => button(preset.label, () => this.applyPreset(preset.id), { secondary: true, id: `preset-${preset.id}`, ariaLabel: `Preset: ${preset.label}. ${preset.description}` })));
    this.element = h('div', { class: 'practice' }, presets, h('div', { class: 'practice-body' }, this.controls, h('div', { class: 'practice-results' }, this.plot, this.summary)));
    this.run();
  }

  private change(control: Control, value: string): void {
    this.update(control.write(this.input, value), null);
  }

  private applyPreset(id: PresetId): void {
    const preset = PRESETS.find((candidate) => candidate.id === id);
    if (!preset) return;
    this.update(preset.input, id);
    for (const control of CONTROLS) setDropdownValue(this.controls.querySelector(`#${control.id}`), control.read(this.input));
    setChecked(this.controls.querySelector('#practice-jitter'), this.input.retry.jitter);
  }

  private update(input: SimulationInput, presetId: PresetId | null): void {
    this.input = input;
    this.presetId = presetId;
    this.run();
  }

  private run(): void {
    const result = simulate(this.input);
    const sentences = describeSummary(result);
    this.plot.replaceChildren(loadPlot(result));
    this.summary.replaceChildren(...sentences.map((sentence) => h('li', {}, sentence)));
    this.element.dataset.preset = this.presetId ?? 'custom';
    const { peakAmplification, recoverySeconds, lost, duplicates, totalRequests, succeeded, failed } = result.summary;
    send({ type: 'practiceResult', preset: this.presetId ?? 'custom', summary: { peakAmplification, recoverySeconds, lost, duplicates, totalRequests, succeeded, failed }, sentences });
  }
}

const PLOT = { width: 640, height: 220, left: 44, right: 12, top: 12, bottom: 30 };

/** Load offered to B per second (first tries and retries stacked) against B's capacity. */
function loadPlot(result: SimulationResult): SVGElement {
  const perSecond = 1000 / (result.steps[1]?.t !== undefined ? (result.steps[1].t - result.steps[0].t) * 1000 : 100);
  const rows = result.steps.map((step) => ({ t: step.t, first: step.firstTries * perSecond, all: step.offeredToB * perSecond, capacity: step.capacityOfB }));
  const maxY = Math.max(1, ...rows.map((row) => Math.max(row.all, row.capacity))) * 1.08;
  const maxT = Math.max(1, result.input.durationS);
  const x = (t: number) => PLOT.left + (t / maxT) * (PLOT.width - PLOT.left - PLOT.right);
  const y = (value: number) => PLOT.height - PLOT.bottom - (value / maxY) * (PLOT.height - PLOT.top - PLOT.bottom);
  const area = (pick: (row: (typeof rows)[number]) => number) =>
    `M ${x(0)} ${y(0)} ${rows.map((row) => `L ${x(row.t).toFixed(1)} ${y(pick(row)).toFixed(1)}`).join(' ')} L ${x(maxT)} ${y(0)} Z`;
  const line = (pick: (row: (typeof rows)[number]) => number) => rows.map((row, i) => `${i ? 'L' : 'M'} ${x(row.t).toFixed(1)} ${y(pick(row)).toFixed(1)}`).join(' ');
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(f * maxY));
  const { peakAmplification } = result.summary;
  return svg('svg', { viewBox: `0 0 ${PLOT.width} ${PLOT.height}`, class: 'load-plot', role: 'img',
    'aria-label': `Load on B over ${maxT} seconds: peak ${peakAmplification.toFixed(1)} times the client rate; B's capacity drops during the brownout.` },
    ...ticks.map((tick) => svg('g', {}, svg('line', { x1: PLOT.left, x2: PLOT.width - PLOT.right, y1: y(tick), y2: y(tick), class: 'grid' }),
      svg('text', { x: PLOT.left - 6, y: y(tick) + 4, 'text-anchor': 'end', class: 'axis' }, String(tick)))),
    ...[0, 0.25, 0.5, 0.75, 1].map((f) => svg('text', { x: x(f * maxT), y: PLOT.height - 10, 'text-anchor': 'middle', class: 'axis' }, `${Math.round(f * maxT)} s`)),
    svg('path', { d: area((row) => row.all), class: 'load-retries' }),
    svg('path', { d: area((row) => row.first), class: 'load-first' }),
    svg('path', { d: line((row) => row.capacity), class: 'capacity-line' }),
    svg('g', { class: 'legend' },
      svg('rect', { x: PLOT.left + 8, y: PLOT.top, width: 10, height: 10, class: 'load-first' }), svg('text', { x: PLOT.left + 22, y: PLOT.top + 9, class: 'axis' }, 'first tries / s'),
      svg('rect', { x: PLOT.left + 120, y: PLOT.top, width: 10, height: 10, class: 'load-retries' }), svg('text', { x: PLOT.left + 134, y: PLOT.top + 9, class: 'axis' }, 'retries / s'),
      svg('line', { x1: PLOT.left + 212, x2: PLOT.left + 230, y1: PLOT.top + 5, y2: PLOT.top + 5, class: 'capacity-line' }), svg('text', { x: PLOT.left + 236, y: PLOT.top + 9, class: 'axis' }, "B's capacity / s")));
}

export function practiceView(): HTMLElement {
  return new PracticeView().element;
}
