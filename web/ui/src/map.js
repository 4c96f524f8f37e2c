// The map: every place with coordinates on a Natural Earth basemap (the
// world-atlas package, embedded and served from this server), projected
// with d3-geo in a Web Worker (mapbase.js). The year slider recolours the
// markers — events that year, organizations only, or nothing; hollow when
// nothing was certainly there that year — and rewrites the list beside
// the map, which names the claims that bound what was only possibly
// there; the year is kept in the URL. The map zooms and pans (zoom.js) as
// far as Europe; markers and labels keep one size, and labels are placed
// again at each zoom and year so that none collides with another.
import { el, readData, setQuery, lang, afterPaint, t, textWidth } from './util.js';
import { zoomable } from './zoom.js';

const data = readData('map-data');
const box = document.getElementById('map-chart');
const svg = document.getElementById('map-svg');
const slider = document.getElementById('map-year');
const outY = document.getElementById('map-year-out');
const list = document.getElementById('map-list');
const count = document.getElementById('map-count');
const q = lang() === 'en' ? '' : '?lang=' + lang();

// active returns what is at place p in year y: the named items, and the
// counts of all of them and of those certainly there (a busy place names
// only the first few).
function active(p, y) {
  const i = y - data.min;
  return {
    events: p.events.filter((e) => e.lo <= y && y <= e.hi),
    orgs: p.orgs.filter((o) => o.lo <= y && y <= o.hi),
    nev: p.evn[i] || 0,
    norg: p.orgn[i] || 0,
    certain: (p.evc[i] || 0) + (p.orgc[i] || 0),
  };
}

// former is the place's period name in year y, if it had one then. An
// undated one is not shown: in no year can the map say it was the name
// (Kuibyshev in 1925, Dalny in 1939); the place's page lists it.
function former(p, y) {
  const f = (p.former || []).find((f) => f.lo <= f.hi && f.lo <= y && y <= f.hi);
  return f ? f.text : '';
}

function link(item) { return el('a', { svg: false, class: 'ent', href: '/entities/' + encodeURIComponent(item.id) + q, text: item.label }); }

function renderList(y) {
  const items = [];
  let n = 0;
  for (const p of data.places) {
    const a = active(p, y);
    if (!a.nev && !a.norg) continue;
    const li = el('li', { svg: false }, el('strong', { svg: false }, link(p)));
    const fn = former(p, y);
    if (fn) li.append(' ', el('span', { svg: false, class: 'former', text: `(${fn})` }));
    const named = (label, list, n) => {
      if (!n) return;
      li.append(el('br', { svg: false }), label + ': ');
      list.forEach((e, i) => {
        if (i) li.append(', ');
        li.append(link(e));
        if (!(e.clo <= y && y <= e.chi)) li.append(' ', el('span', { svg: false, class: 'why', text: '(' + (e.by ? t('js.map.possible.by', 'possible: %[1]s', e.by) : t('js.map.possible', 'possible')) + ')' }));
      });
      if (n > list.length) li.append(' (' + t('js.map.inyear', '%[1]d in %[2]s', n, String(y)) + ')');
    };
    named(t('js.map.events', 'Events'), a.events, a.nev);
    named(t('js.map.orgs', 'Organizations'), a.orgs, a.norg);
    n++;
    if (items.length < 100) items.push(li);
  }
  list.replaceChildren(...items);
  count.textContent = t('js.map.count', n === 1 ? '%[1]d place with events or organizations in %[2]s.' : '%[1]d places with events or organizations in %[2]s.', n, String(y));
}

async function main() {
  await afterPaint();
  const W = svg.clientWidth || 900, H = svg.clientHeight || 540;
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  // Centred on Manchuria; fitted to the places east of the Urals so that
  // the theatre fills the frame; Europe is a zoom out or a pan away. The
  // projecting is done off the main thread (mapbase.js).
  const east = data.places.filter((p) => p.lon > 60);
  const fit = (east.length ? east : data.places).map((p) => [p.lon, p.lat]);
  const worker = new Worker(svg.dataset.worker);
  const geo = await new Promise((resolve, reject) => {
    worker.onmessage = (ev) => resolve(ev.data);
    worker.onerror = (ev) => reject(new Error(ev.message));
    worker.postMessage({ basemap: new URL(data.basemap, location.href).href, W, H, fit, places: data.places.map((p) => [p.lon, p.lat]) });
  });
  worker.terminate();
  const base = el('g', {},
    el('path', { class: 'sphere', d: geo.sphere }),
    el('path', { class: 'grat', d: geo.grat, fill: 'none', stroke: '#c9d6df', 'stroke-width': 0.5, 'vector-effect': 'non-scaling-stroke' }),
    el('path', { class: 'land', d: geo.land, 'vector-effect': 'non-scaling-stroke' }));
  const marks = el('g', { class: 'marks' });
  const markers = data.places.map((p, i) => {
    const [x, y] = geo.places[i];
    const g = el('a', { href: '/entities/' + encodeURIComponent(p.id) + q, class: 'mk', 'data-id': p.id, transform: `translate(${x},${y})` },
      el('title', { text: p.label }), el('circle', { r: 4 }), el('text', { x: 6, y: 3, text: p.label }));
    marks.append(g);
    return { p, g, x, y, r: 4, label: p.label, busy: 0 };
  });
  const vp = el('g', { class: 'vp' }, base, marks);
  svg.replaceChildren(vp);
  svg.setAttribute('tabindex', '0');

  // place keeps markers and labels one size whatever the zoom, and puts
  // each shown label right, left, above or below its marker where it
  // collides with no label already placed (busiest places first) and
  // stays in the frame; a label with no free place is hidden (the
  // marker's tooltip and the list below name it).
  let k = 1, tx = 0, ty = 0;
  function place() {
    const boxes = [];
    const order = markers.filter((m) => m.busy >= 0).sort((a, b) => b.busy - a.busy);
    for (const m of markers) {
      m.g.querySelector('circle').setAttribute('r', m.r / k);
      const t = m.g.querySelector('text');
      t.style.display = 'none';
      t.style.fontSize = (10 / k) + 'px';
    }
    const sx = (m) => m.x * k + tx, sy = (m) => m.y * k + ty;
    for (const m of order) {
      const x = sx(m), y = sy(m), w = textWidth(m.label), h = 11, r = m.r;
      if (x < 0 || y < 0 || x > W || y > H) continue;
      const tries = [[r + 2, 3, 'start', x + r + 2, y - 7], [-r - 2, 3, 'end', x - r - 2 - w, y - 7],
        [0, -r - 3, 'middle', x - w / 2, y - r - 12], [0, r + 10, 'middle', x - w / 2, y + r + 1]];
      for (const [dx, dy, anchor, x0, y0] of tries) {
        const b = { x0, y0, x1: x0 + w, y1: y0 + h };
        if (b.x0 < 0 || b.y0 < 0 || b.x1 > W || b.y1 > H) continue;
        if (boxes.some((o) => b.x0 < o.x1 && o.x0 < b.x1 && b.y0 < o.y1 && o.y0 < b.y1)) continue;
        boxes.push(b);
        const t = m.g.querySelector('text');
        t.setAttribute('x', dx / k); t.setAttribute('y', dy / k); t.setAttribute('text-anchor', anchor);
        t.style.display = '';
        break;
      }
    }
  }
  const [ex0, ey0, ex1, ey1] = geo.extent;
  const minK = Math.min(0.5, 0.9 * Math.min(W / (ex1 - ex0), H / (ey1 - ey0)));
  const z = zoomable(svg, vp, document.getElementById('map-zoom'), {
    min: minK, max: 12,
    onChange: (nk, ntx, nty) => { k = nk; tx = ntx; ty = nty; place(); },
    actions: { all: () => z.fit(ex0, ey0, ex1, ey1) },
  });

  // update recolours the markers for year y; the list beside the map is
  // rewritten only when the year moves from the one the server rendered.
  const served = +slider.value;
  function update(y) {
    for (const m of markers) {
      const { p, g } = m;
      const a = active(p, y);
      const cls = a.nev ? 'ev' : a.norg ? 'org' : 'idle';
      const fn = former(p, y);
      m.label = fn ? `${p.label} (${fn})` : p.label;
      g.setAttribute('class', 'mk ' + cls + (cls !== 'idle' && !a.certain ? ' possible' : ''));
      m.r = cls === 'idle' ? 2.5 : 4 + Math.min(6, a.nev + a.norg);
      m.busy = cls === 'idle' ? -1 : a.nev + a.norg;
      // A place with nothing that year is no stop for the keyboard or a
      // screen reader's links list; the list below names every place.
      if (cls === 'idle') { g.setAttribute('tabindex', '-1'); g.setAttribute('aria-hidden', 'true'); } else { g.removeAttribute('tabindex'); g.removeAttribute('aria-hidden'); }
      g.querySelector('text').textContent = m.label;
      g.querySelector('title').textContent = t('js.map.title', '%[1]s — %[2]s: %[3]d event(s), %[4]d organization(s)', m.label, String(y), a.nev, a.norg) +
        (cls === 'idle' ? '' : a.certain ? t('js.map.certain', ', %[1]d certainly there', a.certain) : t('js.map.onlypossible', ', only possibly there'));
    }
    place();
    svg.dataset.year = y;
    outY.textContent = y;
    if (y !== served || list.dataset.redrawn) { renderList(y); list.dataset.redrawn = '1'; }
  }
  slider.addEventListener('input', () => { update(+slider.value); setQuery({ year: slider.value }); });
  update(+slider.value);
}

if (data && box && svg) main().catch((e) => { console.warn('map:', e); });
