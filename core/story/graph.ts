import { pickText, type Locale } from '../text';
import { phaseIndex } from './flow';
import type { Phase, Scenario } from './schema';

/**
 * The scenario as a picture for curators: phases top to bottom in layers, one colour band per
 * act, votes and choices as diamonds-ish boxes with their options on the arrows, endings in gold.
 * Pure string building: the CLI writes the file.
 */
export interface GraphEdge {
  from: string;
  to: string;
  label: string;
  /** A conditional `next` rule (dashed) rather than a decision or the plain sequence. */
  conditional: boolean;
}

/** Every possible move between phases, read from the scenario without evaluating anything. */
export function scenarioEdges(scenario: Scenario, locale: Locale = 'zh-Hans'): GraphEdge[] {
  const ix = phaseIndex(scenario);
  const out: GraphEdge[] = [];
  const add = (e: GraphEdge) => {
    const same = out.find((x) => x.from === e.from && x.to === e.to);
    if (same) {
      if (e.label && !same.label.split(' / ').includes(e.label)) same.label = same.label ? `${same.label} / ${e.label}` : e.label;
      same.conditional &&= e.conditional;
    } else out.push({ ...e });
  };
  for (const p of ix.order) {
    if (p.kind === 'ending') continue;
    const following = (prefix: string) => {
      const rules = p.next ?? [];
      rules.forEach((r, i) => add({ from: p.id, to: r.goto, label: [prefix, r.when ?? (i > 0 ? '否则 else' : '')].filter(Boolean).join(' · '), conditional: r.when !== undefined }));
      if (!rules.some((r) => r.when === undefined)) {
        const seq = ix.order[(ix.position.get(p.id) as number) + 1];
        if (seq) add({ from: p.id, to: seq.id, label: rules.length > 0 ? [prefix, '否则 else'].filter(Boolean).join(' · ') : prefix, conditional: false });
      }
    };
    if (p.kind === 'vote' || p.kind === 'choice') {
      // Options with their own goto are labelled by their text; the rest share the phase's next rules.
      for (const o of p.options) if (o.goto) add({ from: p.id, to: o.goto, label: pickText(o.text, locale), conditional: false });
      if (p.options.some((o) => !o.goto)) following('');
    } else following('');
  }
  return out.filter((e) => ix.byId.has(e.to));
}

const KIND_LABEL: Record<Phase['kind'], string> = {
  narrate: '叙述 narrate',
  read: '阅读 read',
  introduce: '自我介绍 introduce',
  search: '搜证 search',
  discuss: '讨论 discuss',
  vote: '投票 vote',
  choice: '抉择 choice',
  ending: '结局 ending',
};
const ACT_COLOURS = ['#fdecea', '#eaf2fd', '#eefbea', '#fdf6e3', '#f3eafd', '#eafdfb'];

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
/** Shortens text to about `n` Chinese characters' width (Latin letters count a little over half). */
function clip(s: string, n: number): string {
  const chars = [...s];
  let width = 0;
  for (let i = 0; i < chars.length; i++) {
    width += (chars[i] as string).charCodeAt(0) >= 0x2e80 ? 1 : 0.56;
    if (width > n) return chars.slice(0, Math.max(1, i - 1)).join('').trimEnd() + '…';
  }
  return s;
}

/** Renders the scenario graph as a standalone SVG document; `reachable` greys out the rest. */
export function scenarioSvg(scenario: Scenario, opts: { locale?: Locale; reachable?: readonly string[] } = {}): string {
  const locale = opts.locale ?? 'zh-Hans';
  const ix = phaseIndex(scenario);
  const edges = scenarioEdges(scenario, locale);
  const reachable = opts.reachable ? new Set(opts.reachable) : undefined;

  // Layers: longest path from the start over forward edges (edges to earlier phases are loops).
  const pos = (id: string) => ix.position.get(id) as number;
  const layer = new Map<string, number>();
  for (const p of ix.order) layer.set(p.id, 0);
  for (const p of ix.order) {
    const l = layer.get(p.id) as number;
    for (const e of edges) if (e.from === p.id && pos(e.to) > pos(p.id)) layer.set(e.to, Math.max(layer.get(e.to) ?? 0, l + 1));
  }
  // Phases nothing leads to keep their play-order place below their predecessor.
  ix.order.forEach((p, i) => {
    if (i > 0 && !edges.some((e) => e.to === p.id)) layer.set(p.id, (layer.get((ix.order[i - 1] as Phase).id) as number) + 1);
  });
  const rows = new Map<number, Phase[]>();
  for (const p of ix.order) rows.set(layer.get(p.id) as number, [...(rows.get(layer.get(p.id) as number) ?? []), p]);
  const W = 210;
  const H = 56;
  const GAP_X = 40;
  const GAP_Y = 72;
  const widest = Math.max(...[...rows.values()].map((r) => r.length));
  const width = Math.max(900, widest * (W + GAP_X) + 420);
  const top = 110;
  const xy = new Map<string, { x: number; y: number }>();
  for (const [l, row] of rows) {
    const rowWidth = row.length * W + (row.length - 1) * GAP_X;
    row.forEach((p, i) => xy.set(p.id, { x: (width - rowWidth) / 2 + i * (W + GAP_X), y: top + l * (H + GAP_Y) }));
  }
  const layers = Math.max(...layer.values()) + 1;
  const height = top + layers * (H + GAP_Y) + 40;

  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="'Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC',sans-serif">`);
  parts.push('<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>');
  parts.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  parts.push(`<text x="24" y="40" font-size="24" font-weight="700" fill="#8b0000">${esc(pickText(scenario.title, locale))}</text>`);
  parts.push(`<text x="24" y="68" font-size="14" fill="#444">${esc(`${scenario.players.min}–${scenario.players.max} 人 players · ${scenario.duration.min}–${scenario.duration.max} 分钟 min · ${ix.order.length} 个环节 phases`)}</text>`);

  // Act bands behind their phases.
  scenario.acts.forEach((a, ai) => {
    const ys = a.phases.map((p) => (xy.get(p.id) as { y: number }).y);
    const y0 = Math.min(...ys) - 22;
    const y1 = Math.max(...ys) + H + 22;
    parts.push(`<rect x="8" y="${y0}" width="${width - 16}" height="${y1 - y0}" rx="10" fill="${ACT_COLOURS[ai % ACT_COLOURS.length]}" opacity="0.55"/>`);
    parts.push(`<text x="20" y="${y0 + 22}" font-size="15" font-weight="700" fill="#6b2a2a">${esc(clip(pickText(a.title, locale), 28))}</text>`);
  });

  for (const e of edges) {
    const a = xy.get(e.from) as { x: number; y: number };
    const b = xy.get(e.to) as { x: number; y: number };
    const back = pos(e.to) <= pos(e.from);
    const la = layer.get(e.from) as number;
    const lb = layer.get(e.to) as number;
    let d: string;
    let lx: number;
    let ly: number;
    let anchor = 'middle';
    if (back) {
      const side = Math.max(a.x, b.x) + W + 40;
      d = `M${a.x + W},${a.y + H / 2} C${side},${a.y + H / 2} ${side},${b.y + H / 2} ${b.x + W},${b.y + H / 2}`;
      lx = side - 6;
      ly = (a.y + b.y) / 2 + H / 2;
      anchor = 'start';
    } else if (lb - la > 1) {
      // Skipping layers: go round the left of the nodes in between instead of through them.
      const side = Math.min(a.x, b.x) - 50;
      d = `M${a.x},${a.y + H / 2} C${side},${a.y + H / 2} ${side},${b.y + H / 2} ${b.x - 2},${b.y + H / 2}`;
      lx = side + 6;
      ly = (a.y + b.y) / 2 + H / 2;
      anchor = 'end';
    } else {
      const x1 = a.x + W / 2;
      const y1 = a.y + H;
      const x2 = b.x + W / 2;
      const y2 = b.y;
      const my = (y1 + y2) / 2;
      d = `M${x1},${y1} C${x1},${my} ${x2},${my} ${x2},${y2 - 2}`;
      // Label three quarters of the way down, where fanned-out arrows are already apart.
      const t = 0.75;
      const u = 1 - t;
      lx = u * u * u * x1 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t * t * t * x2;
      ly = u * u * u * y1 + 3 * u * u * t * my + 3 * u * t * t * my + t * t * t * y2 - 4;
    }
    const dim = reachable && (!reachable.has(e.from) || !reachable.has(e.to));
    parts.push(`<path d="${d}" fill="none" stroke="${dim ? '#bbb' : '#555'}" stroke-width="1.6"${e.conditional || back ? ' stroke-dasharray="6 4"' : ''} marker-end="url(#arrow)"/>`);
    if (e.label) {
      const t = esc(clip(e.label, 16));
      parts.push(`<text x="${lx}" y="${ly}" font-size="12" text-anchor="${anchor}" fill="#1d3b6b" stroke="#fff" stroke-width="4" paint-order="stroke">${t}</text>`);
    }
  }

  for (const p of ix.order) {
    const { x, y } = xy.get(p.id) as { x: number; y: number };
    const dim = reachable !== undefined && !reachable.has(p.id);
    const decision = p.kind === 'vote' || p.kind === 'choice';
    const fill = dim ? '#eeeeee' : p.kind === 'ending' ? '#fff3c4' : decision ? '#ffe1e1' : '#ffffff';
    const stroke = dim ? '#aaaaaa' : p.kind === 'ending' ? '#b8860b' : decision ? '#b22222' : '#666666';
    const title = pickText(p.title ?? (p.kind === 'vote' || p.kind === 'choice' ? p.question : p.kind === 'ending' ? p.text : 'prompt' in p ? p.prompt : undefined), locale) || p.id;
    parts.push(`<g><title>${esc(p.id)}</title>`);
    parts.push(`<rect x="${x}" y="${y}" width="${W}" height="${H}" rx="${p.kind === 'ending' ? 18 : 6}" fill="${fill}" stroke="${stroke}" stroke-width="${decision || p.kind === 'ending' ? 2.4 : 1.4}"${dim ? ' stroke-dasharray="4 3"' : ''}/>`);
    parts.push(`<text x="${x + 10}" y="${y + 20}" font-size="11" fill="${dim ? '#999' : '#8b0000'}">${esc(KIND_LABEL[p.kind])}${dim ? ' · 不可达 unreachable' : ''}</text>`);
    parts.push(`<text x="${x + 10}" y="${y + 42}" font-size="14" font-weight="600" fill="${dim ? '#999' : '#222'}">${esc(clip(title, 13))}</text>`);
    parts.push('</g>');
  }
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
