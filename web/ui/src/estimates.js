// Estimates and reality: one small chart per figure, years across, the
// historiography's counts as a dark line and each perspective's estimates
// in colour. Every point is one claim; hover shows its source.
import { el, readData } from './util.js';

const charts = readData('est-data') || [];
const fmt = new Intl.NumberFormat('en');
// The historiography's counts in ink; each perspective's estimates in its
// own colour, all dark enough to read as text on white.
const palette = ['#b35900', '#6a3d9a', '#1a4d8f', '#8a1c1c', '#2e6b5e', '#7a5a00'];

function nice(max) {
  const p = 10 ** Math.floor(Math.log10(max || 1));
  return [1, 2, 2.5, 5, 10].map((m) => m * p).find((v) => v >= max) || max;
}

for (const c of charts) {
  const holder = document.querySelector(`[data-chart="${CSS.escape(c.id)}"]`);
  const pts = (c.series || []).flatMap((s) => s.points);
  if (!holder || pts.length === 0) continue;
  const W = holder.clientWidth || 700, H = 240, L = 56, R = 12, T = 24, B = 26;
  let x0 = Math.floor(Math.min(...pts.map((p) => p.x))), x1 = Math.ceil(Math.max(...pts.map((p) => p.x)));
  if (x1 - x0 < 2) { x0 -= 1; x1 += 1; }
  const ymax = nice(Math.max(...pts.map((p) => p.y)) * 1.05);
  const x = (v) => L + ((v - x0) / (x1 - x0)) * (W - L - R);
  const y = (v) => H - B - (v / ymax) * (H - T - B);
  const svg = el('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': `Figures in ${c.unit || 'units'} by year` });
  const grid = el('g', { class: 'grid axis' });
  for (let i = 0; i <= 4; i++) {
    const v = (ymax / 4) * i;
    grid.append(el('line', { x1: L, x2: W - R, y1: y(v), y2: y(v) }), el('text', { x: L - 4, y: y(v) + 4, 'text-anchor': 'end', text: fmt.format(v) }));
  }
  const step = Math.max(1, Math.ceil((x1 - x0) / 12));
  for (let v = x0; v <= x1; v += step) grid.append(el('text', { x: x(v), y: H - B + 16, 'text-anchor': 'middle', text: String(v) }));
  grid.append(el('text', { x: 4, y: 12, text: c.unit || '' }));
  svg.append(grid);
  let k = 0;
  const legend = el('ul', { svg: false, class: 'est-legend' });
  c.series.forEach((s) => {
    const color = s.actual ? '#1b1d21' : palette[k++ % palette.length];
    const sorted = s.points.slice().sort((a, b) => a.x - b.x);
    if (sorted.length > 1) svg.append(el('path', { class: 'line', stroke: color, d: 'M' + sorted.map((p) => `${x(p.x)},${y(p.y)}`).join('L'), 'stroke-dasharray': s.actual ? null : '5 3' }));
    for (const p of sorted) {
      const shape = s.actual ? el('circle', { cx: x(p.x), cy: y(p.y), r: 4, fill: color }) : el('rect', { x: x(p.x) - 4, y: y(p.y) - 4, width: 8, height: 8, fill: color });
      svg.append(el('a', { href: '#c-' + p.claim }, el('title', { text: `${s.label}: ${fmt.format(p.y)} ${c.unit} (${p.when}) — source ${p.source}` }), shape));
    }
    legend.append(el('li', { svg: false }, el('span', { svg: false, class: s.actual ? 'sw sw-actual' : 'sw', style: null }), s.label));
    legend.lastChild.firstChild.style.background = color;
  });
  holder.replaceChildren(svg, legend);
}
