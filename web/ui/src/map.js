// The map: every place with coordinates on a Natural Earth basemap (the
// world-atlas package, embedded and served from this server), projected
// with d3-geo in a Web Worker (mapbase.js). The year slider recolours the markers —
// events that year, organizations only, or nothing — and rewrites the
// list beside the map; the year is kept in the URL.
import { el, readData, setQuery, lang, afterPaint, t } from './util.js';

const data = readData('map-data');
const box = document.getElementById('map-chart');
const svg = document.getElementById('map-svg');
const slider = document.getElementById('map-year');
const outY = document.getElementById('map-year-out');
const list = document.getElementById('map-list');
const count = document.getElementById('map-count');
const q = lang() === 'en' ? '' : '?lang=' + lang();

// active returns what is at place p in year y: the named items, and the
// counts of all of them (a busy place names only the first few).
function active(p, y) {
  const i = y - data.min;
  return {
    events: p.events.filter((e) => e.lo <= y && y <= e.hi),
    orgs: p.orgs.filter((o) => o.lo <= y && y <= o.hi),
    nev: p.evn[i] || 0,
    norg: p.orgn[i] || 0,
  };
}

function link(item) { return el('a', { svg: false, class: 'ent', href: '/entities/' + encodeURIComponent(item.id) + q, text: item.label }); }

function renderList(y) {
  const items = [];
  let n = 0;
  for (const p of data.places) {
    const a = active(p, y);
    if (!a.nev && !a.norg) continue;
    const li = el('li', { svg: false }, el('strong', { svg: false }, link(p)));
    const named = (label, list, n) => {
      if (!n) return;
      li.append(el('br', { svg: false }), label + ': ');
      list.forEach((e, i) => { if (i) li.append(', '); li.append(link(e)); });
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
  // the theatre fills the frame (Berlin or Warsaw then sit off the edge).
  // The projecting is done off the main thread (mapbase.js).
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
    el('path', { class: 'grat', d: geo.grat, fill: 'none', stroke: '#c9d6df', 'stroke-width': 0.5 }),
    el('path', { class: 'land', d: geo.land }));
  const marks = el('g', { class: 'marks' });
  const markers = data.places.map((p, i) => {
    const [x, y] = geo.places[i];
    const g = el('a', { href: '/entities/' + encodeURIComponent(p.id) + q, class: 'mk', 'data-id': p.id, transform: `translate(${x},${y})` },
      el('title', { text: p.label }), el('circle', { r: 4 }), el('text', { x: 6, y: 3, text: p.label }));
    marks.append(g);
    return { p, g };
  });
  svg.replaceChildren(base, marks);

  // update recolours the markers for year y; the list beside the map is
  // rewritten only when the year moves from the one the server rendered.
  const served = +slider.value;
  function update(y) {
    for (const { p, g } of markers) {
      const a = active(p, y);
      const cls = a.nev ? 'ev' : a.norg ? 'org' : 'idle';
      g.setAttribute('class', 'mk ' + cls);
      g.querySelector('circle').setAttribute('r', cls === 'idle' ? 2.5 : 4 + Math.min(6, a.nev + a.norg));
      g.querySelector('text').style.display = cls === 'idle' ? 'none' : '';
      g.querySelector('title').textContent = t('js.map.title', '%[1]s — %[2]s: %[3]d event(s), %[4]d organization(s)', p.label, String(y), a.nev, a.norg);
    }
    svg.dataset.year = y;
    outY.textContent = y;
    if (y !== served || list.dataset.redrawn) { renderList(y); list.dataset.redrawn = '1'; }
  }
  slider.addEventListener('input', () => { update(+slider.value); setQuery({ year: slider.value }); });
  update(+slider.value);
}

if (data && box && svg) main().catch((e) => { console.warn('map:', e); });
