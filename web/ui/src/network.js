// The network: the page's nodes and links laid out by d3-force, each node
// a link to its entity's page (click, or Tab then Enter). The layout is
// computed in one go, off the main thread (netlayout.js, a Web Worker
// whose address the page gives in data-worker), and drawn once, so the
// picture does not move under the reader and the page never freezes. The
// chart's box is sized by the stylesheet, so drawing shifts nothing.
import { el, readData, lang, afterPaint, t } from './util.js';
import { radius } from './netradius.js';

const data = readData('net-data');
const svg = document.getElementById('net-svg');
if (data && svg && data.nodes.length) afterPaint().then(() => {
  const W = svg.clientWidth || 900, H = svg.clientHeight || 560;
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.setAttribute('aria-busy', 'true');
  const worker = new Worker(svg.dataset.worker);
  worker.onmessage = (ev) => {
    worker.terminate();
    draw(ev.data);
  };
  worker.postMessage({ nodes: data.nodes.map((n) => ({ id: n.id, degree: n.degree })), links: data.links.map((l) => ({ source: l.source, target: l.target })), W, H });

  function draw(pos) {
    const nodes = data.nodes.map((n, i) => ({ ...n, x: pos[i][0], y: pos[i][1] }));
    const byID = new Map(nodes.map((n) => [n.id, n]));
    const q = lang() === 'en' ? '' : '?lang=' + lang();
    const gl = el('g', {}, ...data.links.map((l) => {
      const s = byID.get(l.source), t = byID.get(l.target);
      return el('line', { class: 'link', x1: s.x, y1: s.y, x2: t.x, y2: t.y },
        el('title', { text: `${s.label} — ${l.preds.join(', ')} — ${t.label}` }));
    }));
    const labelled = new Set(nodes.slice().sort((a, b) => b.degree - a.degree).slice(0, 40).map((n) => n.id));
    const gn = el('g', {}, ...nodes.map((n) => {
      const name = t('js.net.node', n.degree === 1 ? '%[2]s (%[3]s, %[1]d link)' : '%[2]s (%[3]s, %[1]d links)', n.degree, n.label, t('type.' + n.type, n.type));
      return el('a', { href: '/entities/' + encodeURIComponent(n.id) + q, class: 'node t-' + n.type, 'data-id': n.id, 'aria-label': name, transform: `translate(${n.x},${n.y})` },
        el('title', { text: name }),
        el('circle', { r: radius(n) }),
        labelled.has(n.id) ? el('text', { x: radius(n) + 2, y: 3, text: n.label }) : null);
    }));
    svg.replaceChildren(gl, gn);
    svg.removeAttribute('aria-busy');
  }
});
