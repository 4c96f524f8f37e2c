// The network: the page's nodes and links laid out by d3-force, each node
// a link to its entity's page (click, or Tab then Enter). The layout is
// computed in one go, so the picture does not move under the reader.
import { forceSimulation, forceLink, forceManyBody, forceCenter, forceCollide, forceX, forceY } from 'd3-force';
import { el, readData, lang } from './util.js';

const data = readData('net-data');
const box = document.getElementById('net-chart');
const svg = document.getElementById('net-svg');
if (data && box && svg && data.nodes.length) {
  box.hidden = false;
  const W = svg.clientWidth || 900, H = svg.clientHeight || 560;
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  const nodes = data.nodes.map((n) => ({ ...n }));
  const links = data.links.map((l) => ({ ...l }));
  const r = (n) => 3 + Math.sqrt(n.degree) * 2;
  const sim = forceSimulation(nodes)
    .force('link', forceLink(links).id((n) => n.id).distance(40))
    .force('charge', forceManyBody().strength(-60))
    .force('center', forceCenter(W / 2, H / 2))
    .force('x', forceX(W / 2).strength(0.05))
    .force('y', forceY(H / 2).strength(0.08))
    .force('collide', forceCollide().radius((n) => r(n) + 2))
    .stop();
  for (let i = 0; i < 300; i++) sim.tick();
  for (const n of nodes) { n.x = Math.max(10, Math.min(W - 10, n.x)); n.y = Math.max(10, Math.min(H - 10, n.y)); }
  const q = lang() === 'en' ? '' : '?lang=' + lang();
  const gl = el('g', {}, ...links.map((l) => el('line', { class: 'link', x1: l.source.x, y1: l.source.y, x2: l.target.x, y2: l.target.y },
    el('title', { text: `${l.source.label} — ${l.preds.join(', ')} — ${l.target.label}` }))));
  const labelled = new Set(nodes.slice().sort((a, b) => b.degree - a.degree).slice(0, 40).map((n) => n.id));
  const gn = el('g', {}, ...nodes.map((n) => el('a', { href: '/entities/' + encodeURIComponent(n.id) + q, class: 'node t-' + n.type, 'data-id': n.id, transform: `translate(${n.x},${n.y})` },
    el('title', { text: `${n.label} (${n.type}, ${n.degree} link${n.degree === 1 ? '' : 's'})` }),
    el('circle', { r: r(n) }),
    labelled.has(n.id) ? el('text', { x: r(n) + 2, y: 3, text: n.label }) : null)));
  svg.replaceChildren(gl, gn);
}
