// The two diagrams, drawn from the content: the integration paths (SVG) and the mental model (an
// ordered list laid out as a flow). Nothing is fetched; colours come from the theme through CSS classes.
import type { DiagramLane, MentalModelSection, PathsDiagram } from '../src/lesson/content-types';
import { h, svg } from './dom';

const NODE_WIDTH = 120;
const NODE_HEIGHT = 44;
const GAP = 168;
const LANE_HEIGHT = 112;
const LEFT = 8;
const TOP = 28;

function nodeX(index: number): number {
  return LEFT + index * (NODE_WIDTH + GAP);
}

function laneGroup(lane: DiagramLane, laneIndex: number, stageNodes: Map<string, number>): SVGElement {
  const y = TOP + laneIndex * LANE_HEIGHT;
  const positions = new Map(lane.nodes.map((node, index) => [node.id, index]));
  const group = svg('g', { class: `lane lane-${lane.mode}` }, svg('text', { x: LEFT, y: y - 10, class: 'lane-label' }, lane.label));
  for (const edge of lane.edges) {
    const from = positions.get(edge.from) ?? 0;
    const to = positions.get(edge.to) ?? 0;
    const x1 = nodeX(from) + NODE_WIDTH;
    const x2 = nodeX(to) - 6;
    const middle = y + NODE_HEIGHT / 2;
    group.append(
      svg('line', { x1, y1: middle, x2, y2: middle, class: `edge edge-${edge.style}`, 'marker-end': 'url(#arrow)' }),
      svg('text', { x: (x1 + x2) / 2, y: middle - 8, class: 'edge-label', 'text-anchor': 'middle' }, edge.label ?? ''),
    );
  }
  lane.nodes.forEach((node, index) => {
    const x = nodeX(index);
    group.append(
      svg('rect', { x, y, width: NODE_WIDTH, height: NODE_HEIGHT, rx: 6, class: `node node-${node.role}` }),
      svg('text', { x: x + NODE_WIDTH / 2, y: y + NODE_HEIGHT / 2 + 5, class: 'node-label', 'text-anchor': 'middle' }, node.label),
    );
    const stage = stageNodes.get(node.id);
    if (stage !== undefined) {
      group.append(
        svg('circle', { cx: x + NODE_WIDTH - 2, cy: y + 2, r: 11, class: 'stage-marker' }),
        svg('text', { x: x + NODE_WIDTH - 2, y: y + 6, class: 'stage-number', 'text-anchor': 'middle' }, String(stage)),
      );
    }
  });
  return group;
}

export function pathsDiagram(diagram: PathsDiagram): HTMLElement {
  const stageNodes = new Map(diagram.stages.map((stage) => [stage.nodeId, stage.number]));
  const widest = Math.max(...diagram.lanes.map((lane) => lane.nodes.length));
  const width = nodeX(widest) - GAP + LEFT;
  const height = TOP + diagram.lanes.length * LANE_HEIGHT - 40;
  const description = diagram.lanes.map((lane) => `${lane.label}: ${lane.nodes.map((node) => node.label).join(' → ')}.`).join(' ');
  const picture = svg(
    'svg',
    { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': `${diagram.title}. ${description}`, class: 'paths-diagram' },
    svg('defs', {}, svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 8, markerHeight: 8, orient: 'auto-start-reverse' },
      svg('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrow-head' }))),
    ...diagram.lanes.map((lane, index) => laneGroup(lane, index, stageNodes)),
  );
  return h(
    'figure',
    { class: 'diagram' },
    h('figcaption', {}, h('strong', {}, diagram.title), ' ', diagram.caption),
    picture,
    h('ul', { class: 'lane-notes' }, ...diagram.lanes.map((lane) => h('li', {}, h('strong', {}, `${lane.label}. `), lane.note ?? ''))),
    h('ol', { class: 'stages' }, ...diagram.stages.map((stage) =>
      h('li', { value: stage.number }, h('span', { class: 'stage-title' }, `Stage ${stage.number} · ${stage.title}`), ' ', stage.text))),
  );
}

export function mentalModelDiagram(section: MentalModelSection): HTMLElement {
  return h(
    'figure',
    { class: 'diagram mental-model' },
    h('figcaption', {}, h('strong', {}, section.heading), ' ', section.summary),
    h('ol', { class: 'flow', 'aria-label': `${section.heading}: ${section.steps.map((step) => step.label).join(', ')}` },
      ...section.steps.map((step) =>
        h('li', { id: step.id, class: 'flow-step' },
          h('span', { class: 'flow-number', 'aria-hidden': 'true' }, String(step.number)),
          h('span', { class: 'flow-label' }, step.label),
          h('span', { class: 'flow-detail' }, step.detail)))),
  );
}
