// The network: the page's nodes and links laid out by d3-force, each node
// a link to its entity's page (click, or Tab then Enter). The layout and
// the placing of labels that do not overlap are computed in one go, off
// the main thread (netlayout.js, a Web Worker whose address the page
// gives in data-worker), and drawn once, so the picture does not move
// under the reader and the page never freezes; zoom and pan move it as a
// whole (zoom.js). A link that only possibly held in the years chosen is
// dashed, and focusing or hovering a node says which claims bound it.
// The chart's box is sized by the stylesheet, so drawing shifts nothing.
import { el, readData, lang, afterPaint, t } from './util.js';
import { radius } from './netradius.js';
import { zoomable } from './zoom.js';

const data = readData('net-data');
const svg = document.getElementById('net-svg');
const detail = document.getElementById('net-detail');
if (data && svg && data.nodes.length) afterPaint().then(() => {
  const W = svg.clientWidth || 900, H = svg.clientHeight || 560;
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.setAttribute('aria-busy', 'true');
  const worker = new Worker(svg.dataset.worker);
  worker.onmessage = (ev) => {
    worker.terminate();
    draw(ev.data);
  };
  worker.postMessage({ nodes: data.nodes.map((n) => ({ id: n.id, degree: n.degree, label: n.label })), links: data.links.map((l) => ({ source: l.source, target: l.target })), W, H });

  function draw(pos) {
    const nodes = data.nodes.map((n, i) => ({ ...n, x: pos[i][0], y: pos[i][1], lab: pos[i][2] }));
    const byID = new Map(nodes.map((n) => [n.id, n]));
    const q = lang() === 'en' ? '' : '?lang=' + lang();
    const linksOf = new Map(nodes.map((n) => [n.id, []]));
    // The edges are hidden from screen readers: the list below the graph
    // gives every link with its dates and sources, and 76 edge titles
    // read before the first node only delay it.
    const gl = el('g', { 'aria-hidden': 'true' }, ...data.links.map((l) => {
      const s = byID.get(l.source), tg = byID.get(l.target);
      const text = `${s.label} — ${l.preds.join(', ')} — ${tg.label}` + (l.certain ? '' : ` (${(l.why || []).join('; ')})`);
      const line = el('line', { class: 'link ' + (l.certain ? 'certain' : 'possible'), x1: s.x, y1: s.y, x2: tg.x, y2: tg.y }, el('title', { text }));
      linksOf.get(s.id).push({ line, text, certain: l.certain });
      linksOf.get(tg.id).push({ line, text, certain: l.certain });
      return line;
    }));
    const gn = el('g', {}, ...nodes.map((n) => {
      const name = t('js.net.node', n.degree === 1 ? '%[2]s (%[3]s, %[1]d link)' : '%[2]s (%[3]s, %[1]d links)', n.degree, n.label, t('type.' + n.type, n.type));
      const r = radius(n);
      return el('a', { href: '/entities/' + encodeURIComponent(n.id) + q, class: 'node t-' + n.type, 'data-id': n.id, transform: `translate(${n.x},${n.y})` },
        el('title', { text: name }),
        el('circle', { r }),
        n.lab ? el('text', { x: n.lab[0], y: n.lab[1], 'text-anchor': n.lab[2], text: n.label }) : null);
    }));
    const vp = el('g', { class: 'vp' }, gl, gn);
    svg.replaceChildren(vp);
    svg.setAttribute('tabindex', '0');
    svg.removeAttribute('aria-busy');
    const z = zoomable(svg, vp, document.getElementById('net-zoom'));

    // show lists a node's links, certain or possible with why, and
    // highlights them; called on focus and hover.
    let shown = null;
    const show = (a) => {
      const n = byID.get(a.dataset.id);
      if (!n || shown === n) return;
      if (shown) for (const l of linksOf.get(shown.id)) l.line.classList.remove('hl');
      shown = n;
      const ls = linksOf.get(n.id);
      for (const l of ls) l.line.classList.add('hl');
      if (detail) {
        detail.replaceChildren(el('p', { svg: false }, el('strong', { svg: false, text: n.label })),
          el('ul', { svg: false }, ...ls.slice(0, 12).map((l) => el('li', { svg: false, class: l.certain ? 'certain' : 'possible', text: l.text }))));
      }
    };
    svg.addEventListener('focusin', (ev) => {
      const a = ev.target.closest('a.node');
      if (!a) return;
      show(a);
      const n = byID.get(a.dataset.id);
      z.ensureVisible(n.x, n.y);
    });
    svg.addEventListener('pointerover', (ev) => { const a = ev.target.closest && ev.target.closest('a.node'); if (a) show(a); });
  }
});
