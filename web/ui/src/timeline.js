// The timeline: every listed event on an axis from 1919 to 1953, zoomable
// with the buttons, the wheel, + and −, and pannable by dragging or with
// ← and →. The visible range is kept in the URL (from, to: the first and
// last years shown), and the list below follows it: it names the events
// that possibly happened in the years shown, as the server does.
import { el, readData, setQuery, afterPaint, lang, t, textWidth } from './util.js';

const data = readData('tl-data');
const box = document.getElementById('tl-chart');
const svg = document.getElementById('tl-svg');
if (data && box && svg) {
  let lo = data.from, hi = data.to;
  const out = document.getElementById('tl-range');
  const rowH = 16, top = 34;

  // Lanes: each event takes the first row where it does not overlap the
  // previous one, measured in pixels at the current zoom so labels fit.
  function draw() {
    // The event that has the focus is drawn anew with the rest: the focus
    // goes to its new link, or to the chart if it left the range, never
    // to the page (a keyboard user panning from an event kept her place).
    const had = svg.contains(document.activeElement) ? document.activeElement : null;
    const hadID = had && had.dataset ? had.dataset.id : null;
    const W = svg.clientWidth || 800, H = svg.clientHeight || 400;
    svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
    const x = (y) => ((y - lo) / (hi - lo)) * W;
    const g = el('g');
    for (const p of data.periods) {
      const x0 = Math.max(0, x(p.lo)), x1 = Math.min(W, x(p.hi));
      if (x1 <= 0 || x0 >= W) continue;
      g.append(el('g', { class: 'period' },
        el('rect', { x: x0, y: 0, width: Math.max(0, x1 - x0 - 2), height: 14 }),
        // The whole name where it fits, else its part before a colon or an
        // ideographic space (第一期　…: 第一期), else nothing.
        el('text', { x: x0 + 4, y: 11, text: periodLabel(p.label, x1 - x0 - 8) })));
    }
    const step = [1, 2, 5, 10].find((s) => (hi - lo) / s <= W / 60) || 10;
    const axis = el('g', { class: 'axis' });
    for (let y = Math.ceil(lo / step) * step; y <= hi; y += step) {
      axis.append(el('line', { x1: x(y), x2: x(y), y1: 16, y2: H }), el('text', { x: x(y) + 2, y: 28, text: String(y) }));
    }
    // Two years or less: the months too (July–August 1941 is read here).
    if (hi - lo <= 2.01) {
      const mf = new Intl.DateTimeFormat(lang(), { month: 'short' });
      for (let m = Math.ceil(lo * 12); m < hi * 12; m++) {
        if (m % 12 === 0) continue;
        const v = m / 12;
        axis.append(el('line', { x1: x(v), x2: x(v), y1: 22, y2: H, class: 'month' }),
          el('text', { x: x(v) + 2, y: 28, class: 'month', text: mf.format(new Date(Date.UTC(Math.floor(v), m % 12, 15))) }));
      }
    }
    g.prepend(axis);
    const ends = [];
    const rows = Math.floor((H - top) / rowH);
    for (const e of data.events) {
      if (e.hi < lo || e.lo > hi) continue;
      // An unknown start or end is drawn to just past the edge (not ten
      // million years away, where a focus ring went); a bar that runs past
      // the right edge carries its label inside, from where it is seen.
      const x0 = Math.max(x(e.lo), -8), x1 = Math.min(Math.max(x(e.hi), x0 + 4), W + 8);
      const inside = x1 + 8 + textWidth(e.label, 11) > W;
      const tx = inside ? Math.max(x0, 0) + 3 : x1 + 3;
      const labelEnd = inside ? Math.max(x1, tx + textWidth(e.label, 11)) : x1 + 8 + textWidth(e.label, 11);
      let r = ends.findIndex((end) => end < x0);
      if (r < 0) { if (ends.length >= rows) continue; r = ends.length; ends.push(0); }
      ends[r] = Math.max(x1, labelEnd);
      const y = top + r * rowH;
      // The possible span faded, the certain span (if any) solid.
      // Its name is the label and the date in words; the EDTF is for the
      // list's tooltips, not for a screen reader to spell out.
      const a = el('a', { href: '/entities/' + encodeURIComponent(e.id), class: 'ev ' + e.type, 'data-id': e.id },
        el('title', { text: `${e.label} (${e.when})` }),
        el('rect', { class: 'possible', x: x0, y: y + 3, width: x1 - x0, height: 9, rx: 2 }));
      if (e.shi > e.slo) {
        const s0 = x(e.slo), s1 = Math.max(x(e.shi), s0 + 2);
        a.append(el('rect', { class: 'certain', x: s0, y: y + 3, width: s1 - s0, height: 9, rx: 2 }));
      }
      a.append(el('text', { x: tx, y: y + 11, text: e.label }));
      g.append(a);
    }
    svg.replaceChildren(g);
    if (had) {
      const again = hadID && svg.querySelector(`a[data-id="${CSS.escape(hadID)}"]`);
      (again || svg).focus({ preventScroll: true });
    }
    out.textContent = `${Math.floor(lo)}–${Math.max(Math.floor(lo), Math.ceil(hi) - 1)}`;
  }

  function periodLabel(s, room) {
    if (textWidth(s, 10) <= room) return s;
    const short = s.split(/[:：\u3000]/)[0].trim();
    return textWidth(short, 10) <= room ? short : '';
  }

  // list writes the events of the years shown under their years, as the
  // server's list is written.
  const listBox = document.getElementById('tl-list');
  const count = document.getElementById('tl-count');
  const q = lang() === 'en' ? '' : '?lang=' + lang();
  function list() {
    if (!listBox) return;
    const secs = [];
    let cur = null, n = 0;
    for (const e of data.events) {
      // An event whose start is unknown is listed from its end (flo), and
      // an approximate date in the years it states (flo, fhi), as the
      // server lists them.
      if ((e.fhi ?? e.hi) <= lo || (e.flo ?? e.lo) >= hi) continue;
      n++;
      if (!cur || cur.year !== e.year) {
        cur = { year: e.year, ul: el('ul', { svg: false }) };
        secs.push(el('section', { svg: false, class: 'tl-year' }, el('h2', { svg: false, text: String(e.year) }), cur.ul));
      }
      cur.ul.append(el('li', { svg: false, class: 't-' + e.type },
        // A season, interval or uncertain date is no HTML datetime: EDTF in the title.
        el('time', { svg: false, class: 'when', datetime: /^\d{4}(-(0[1-9]|1[0-2])(-\d{2})?)?$/.test(e.edtf) ? e.edtf : null, title: e.edtf, text: e.when }),
        e.disputed ? ' ' : null,
        e.disputed ? el('a', { svg: false, class: 'disputed', href: '/entities/' + encodeURIComponent(e.id) + q + '#dis-h',
          text: t('js.tl.disputed', '(sources date it otherwise)') }) : null, ' ',
        el('a', { svg: false, href: '/entities/' + encodeURIComponent(e.id) + q, text: e.label }),
        e.where ? el('span', { svg: false, class: 'where', text: ' — ' + e.where }) : null));
    }
    listBox.replaceChildren(...secs);
    if (count) count.textContent = t('js.tl.inrange', '%[1]d in %[2]s', n, out.textContent);
  }

  function set(a, b) {
    const span = Math.min(Math.max(b - a, 0.5), data.max - data.min);
    a = Math.min(Math.max(a, data.min), data.max - span);
    lo = a; hi = a + span;
    draw();
    list();
    setQuery({ from: Math.floor(lo), to: Math.max(Math.floor(lo), Math.ceil(hi) - 1) });
  }
  function zoom(f, at) {
    const c = at ?? (lo + hi) / 2;
    set(c - (c - lo) * f, c - (c - lo) * f + (hi - lo) * f);
  }

  box.querySelectorAll('[data-zoom]').forEach((b) => b.addEventListener('click', () => {
    const z = b.dataset.zoom;
    if (z === 'in') zoom(0.5); else if (z === 'out') zoom(2); else set(data.min, data.max);
  }));
  svg.addEventListener('wheel', (ev) => {
    ev.preventDefault();
    const r = svg.getBoundingClientRect();
    zoom(ev.deltaY < 0 ? 0.8 : 1.25, lo + ((ev.clientX - r.left) / r.width) * (hi - lo));
  }, { passive: false });
  svg.addEventListener('keydown', (ev) => {
    const pan = (hi - lo) * 0.1;
    if (ev.key === '+' || ev.key === '=') zoom(0.5);
    else if (ev.key === '-') zoom(2);
    else if (ev.key === 'ArrowLeft') set(lo - pan, hi - pan);
    else if (ev.key === 'ArrowRight') set(lo + pan, hi + pan);
    else return;
    ev.preventDefault();
  });
  let drag = null;
  svg.addEventListener('pointerdown', (ev) => { if (ev.target.closest('a')) return; drag = { x: ev.clientX, lo, hi }; svg.setPointerCapture(ev.pointerId); });
  svg.addEventListener('pointermove', (ev) => {
    if (!drag) return;
    const d = ((ev.clientX - drag.x) / svg.clientWidth) * (drag.hi - drag.lo);
    set(drag.lo - d, drag.hi - d);
  });
  svg.addEventListener('pointerup', () => { drag = null; });
  addEventListener('resize', draw);
  afterPaint().then(draw);
}
