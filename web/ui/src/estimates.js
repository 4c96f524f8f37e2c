// Estimates and reality: one small chart per figure, years across, the
// historiography's counts as dark points — never joined by a line: counts
// of different scope and sources are not one series — and each
// perspective's estimates in colour. A figure given as a bound is drawn as
// one (▲ at least, ▼ at most, ◆ about), and one from a weak source
// (graded D or worse, or credibility 4–6) hollow. Every point is one claim; hover shows its source, and the
// table of the quantity (under the chart on its own page, /estimates?q=…)
// holds the same figures as text, each with its source.
//
// The overview has a score of charts, most below the fold: each is drawn when
// it comes near the viewport, into a box the stylesheet already sized, so
// loading costs one chart's work, not all of them, and nothing shifts.
import { el, readData, afterPaint, t, lang } from './util.js';

const charts = readData('est-data') || [];
// Made on the first drawing, not at load: building a number format can
// take a phone tens of milliseconds, and the overview draws nothing until
// a chart nears the screen.
let nf = null;
const fmt = { format: (v) => (nf ||= new Intl.NumberFormat(lang())).format(v) };
// The historiography's counts in ink; each perspective's estimates in its
// own colour, all dark enough to read as text on white.
const palette = ['#b35900', '#6a3d9a', '#1a4d8f', '#8a1c1c', '#2e6b5e', '#7a5a00'];

function nice(max) {
  const p = 10 ** Math.floor(Math.log10(max || 1));
  return [1, 2, 2.5, 5, 10].map((m) => m * p).find((v) => v >= max) || max;
}

function draw(c, holder, W) {
  const pts = (c.series || []).flatMap((s) => s.points);
  if (pts.length === 0) return;
  const H = 240, R = 12, T = 24, B = 26;
  let x0 = Math.floor(Math.min(...pts.map((p) => p.x))), x1 = Math.ceil(Math.max(...pts.map((p) => p.x)));
  if (x1 - x0 < 2) { x0 -= 1; x1 += 1; }
  const ymax = nice(Math.max(...pts.map((p) => p.y)) * 1.05);
  // Room for the longest axis label ("1,500,000" lost its first digit in
  // a fixed 56 px): about 7 px a character at the axis's size.
  const L = Math.max(40, 10 + 7 * fmt.format(ymax).length);
  const x = (v) => L + ((v - x0) / (x1 - x0)) * (W - L - R);
  const y = (v) => H - B - (v / ymax) * (H - T - B);
  // An image whose text alternative is the table right below it, which
  // holds every point with its source. The points are not links: 8 px
  // marks, often side by side, are too small a target (WCAG 2.5.8), and
  // the row each would lead to is a glance away; hovering shows a point's
  // figure and source.
  // The text alternative comes from the page (data-label), which says where
  // the table of the same figures is: below the chart on a quantity's own
  // page, behind the link under it on the overview.
  const svg = el('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': holder.dataset.label || t('js.est.aria', 'Chart of the figures in %[1]s by year; the table below holds the same figures with their sources', c.unit || t('js.est.units', 'units')) });
  const grid = el('g', { class: 'grid axis' });
  for (let i = 0; i <= 4; i++) {
    const v = (ymax / 4) * i;
    grid.append(el('line', { x1: L, x2: W - R, y1: y(v), y2: y(v) }), el('text', { x: L - 4, y: y(v) + 4, 'text-anchor': 'end', text: fmt.format(v) }));
  }
  const step = Math.max(1, Math.ceil((x1 - x0) / 12));
  for (let v = x0; v <= x1; v += step) grid.append(el('text', { x: x(v), y: H - B + 16, 'text-anchor': 'middle', text: String(v) }));
  grid.append(el('text', { x: 4, y: 12, text: c.unit || '' }));
  svg.append(grid);
  let bounded = false, weak = false;
  const legend = el('ul', { svg: false, class: 'est-legend' });
  c.series.forEach((s) => {
    // One organ, one colour on every chart: the colour is the label's,
    // not the order in which this chart happens to list it.
    const color = s.actual ? '#1b1d21' : palette[hash(s.label) % palette.length];
    const sorted = s.points.slice().sort((a, b) => a.x - b.x);
    // One organ's estimates are one series; the counts are not.
    if (!s.actual && sorted.length > 1) svg.append(el('path', { class: 'line', stroke: color, d: 'M' + sorted.map((p) => `${x(p.x)},${y(p.y)}`).join('L'), 'stroke-dasharray': '5 3' }));
    for (const p of sorted) {
      const shape = mark(p, x(p.x), y(p.y), color, s.actual);
      bounded ||= !!p.bound;
      weak ||= !!p.weak;
      shape.append(el('title', { text: t('js.est.point', '%[1]s: %[2]s %[3]s (%[4]s) — source %[5]s', s.label, (p.bound || '') + fmt.format(p.y), c.unit, p.when, p.source + (p.grade ? ' ' + p.grade : '')) }));
      svg.append(shape);
    }
    legend.append(el('li', { svg: false }, el('span', { svg: false, class: s.actual ? 'sw sw-actual' : 'sw', style: null }), s.label));
    legend.lastChild.firstChild.style.background = color;
  });
  if (bounded) legend.append(el('li', { svg: false, class: 'est-key' }, t('js.est.bounds', '▲ at least, ▼ at most, ◆ about: the figure as the source gives it')));
  if (weak) legend.append(el('li', { svg: false, class: 'est-key' }, t('js.est.weak', 'hollow: a source graded D or worse, or a figure judged improbable or worse')));
  holder.replaceChildren(svg, legend);
}

function hash(s) {
  let h = 0;
  for (const ch of s) h = (h * 31 + ch.codePointAt(0)) >>> 0;
  return h;
}

// mark draws one figure: a triangle up for "at least" (≥, >), down for
// "at most" (≤, <), a diamond for "about" (~); else a dot for a count and
// a square for an estimate. A weak figure is hollow.
function mark(p, cx, cy, color, actual) {
  const fill = p.weak ? '#fff' : color;
  const attrs = { fill, stroke: color, 'stroke-width': 1.5 };
  const b = p.bound || '';
  const poly = (pts) => el('polygon', { ...attrs, points: pts.map(([a, c]) => `${cx + a},${cy + c}`).join(' ') });
  if (b.startsWith('≥') || b.startsWith('>')) return poly([[0, -6], [5, 4], [-5, 4]]);
  if (b.startsWith('≤') || b.startsWith('<')) return poly([[0, 6], [5, -4], [-5, -4]]);
  if (b.startsWith('~')) return poly([[0, -6], [5, 0], [0, 6], [-5, 0]]);
  return actual ? el('circle', { ...attrs, cx, cy, r: 4 }) : el('rect', { ...attrs, x: cx - 4, y: cy - 4, width: 8, height: 8 });
}

// Every box is as wide as the text column, so one box's width, read once
// before anything is drawn, serves all: drawing never forces the browser
// to lay the page out again, nor to lay out the sections the stylesheet
// lets it skip while they are off screen (content-visibility).
afterPaint().then(() => {
const boxes = charts.map((c) => [c, document.querySelector(`[data-chart="${CSS.escape(c.id)}"]`)]).filter(([, h]) => h);
const W = boxes.length ? boxes[0][1].clientWidth || 700 : 700;
const byHolder = new Map(boxes.map(([c, h]) => [h, c]));
// Charts that come near the screen together are drawn one per task, so a
// phone's main thread is never blocked for longer than one chart takes.
const queue = [];
const next = () => {
  const h = queue.shift();
  if (!h) return;
  draw(byHolder.get(h), h, W);
  if (queue.length) setTimeout(next, 0);
};
const io = new IntersectionObserver((entries) => {
  for (const e of entries) {
    if (!e.isIntersecting) continue;
    io.unobserve(e.target);
    if (queue.push(e.target) === 1) setTimeout(next, 0);
  }
}, { rootMargin: '600px 0px' });
for (const [, h] of boxes) io.observe(h);
});
