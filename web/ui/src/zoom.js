// Zoom and pan for an SVG chart, by mouse, touch and keyboard: the wheel
// zooms about the pointer, a drag pans (a drag that moves is not a
// click), and with focus anywhere in the chart + and − zoom, 0 resets and
// the arrow keys pan. Buttons with data-zoom="in|out|reset" in controls
// do the same. The content is one <g> whose transform changes; nothing
// is laid out again, but onChange(k), when given, is called after every
// change (the map keeps its markers and labels one size and places its
// labels again). actions adds buttons: data-zoom="name" calls actions[name].
export function zoomable(svg, g, controls, { min = 0.5, max = 8, onChange = null, actions = {} } = {}) {
  let k = 1, tx = 0, ty = 0;
  const vb = svg.viewBox.baseVal;
  const apply = () => {
    g.setAttribute('transform', `translate(${tx},${ty}) scale(${k})`);
    svg.dataset.zoom = k.toFixed(2);
    if (onChange) onChange(k, tx, ty);
  };
  // zoomAt scales by f keeping the chart point under (cx, cy) in place.
  const zoomAt = (f, cx = vb.width / 2, cy = vb.height / 2) => {
    const nk = Math.min(max, Math.max(min, k * f));
    tx = cx - (cx - tx) * (nk / k);
    ty = cy - (cy - ty) * (nk / k);
    k = nk;
    apply();
  };
  const pan = (dx, dy) => { tx += dx; ty += dy; apply(); };
  const reset = () => { k = 1; tx = 0; ty = 0; apply(); };
  // toChart converts a client position into viewBox units.
  const toChart = (x, y) => {
    const r = svg.getBoundingClientRect();
    return [(x - r.left) * vb.width / r.width, (y - r.top) * vb.height / r.height];
  };
  svg.addEventListener('wheel', (ev) => {
    ev.preventDefault();
    const [cx, cy] = toChart(ev.clientX, ev.clientY);
    zoomAt(ev.deltaY < 0 ? 1.2 : 1 / 1.2, cx, cy);
  }, { passive: false });
  let drag = null, moved = false;
  svg.addEventListener('pointerdown', (ev) => {
    if (ev.button !== 0) return;
    drag = toChart(ev.clientX, ev.clientY);
    moved = false;
  });
  svg.addEventListener('pointermove', (ev) => {
    if (!drag) return;
    const p = toChart(ev.clientX, ev.clientY);
    if (!moved && Math.hypot(p[0] - drag[0], p[1] - drag[1]) < 4) return;
    if (!moved) svg.setPointerCapture(ev.pointerId);
    moved = true;
    pan(p[0] - drag[0], p[1] - drag[1]);
    drag = p;
  });
  const end = () => { drag = null; };
  svg.addEventListener('pointerup', end);
  svg.addEventListener('pointercancel', end);
  // A drag that moved must not open the node it started on.
  svg.addEventListener('click', (ev) => { if (moved) { ev.preventDefault(); moved = false; } }, true);
  svg.addEventListener('keydown', (ev) => {
    const step = 40;
    const act = { '+': () => zoomAt(1.25), '=': () => zoomAt(1.25), '-': () => zoomAt(0.8), '_': () => zoomAt(0.8), '0': reset,
      ArrowLeft: () => pan(step, 0), ArrowRight: () => pan(-step, 0), ArrowUp: () => pan(0, step), ArrowDown: () => pan(0, -step) }[ev.key];
    if (act && !ev.altKey && !ev.ctrlKey && !ev.metaKey) { ev.preventDefault(); act(); }
  });
  // The controls are in the page from the start (inside the chart's
  // box, which has its size at first paint and goes without scripts), so
  // that showing them shifts nothing.
  if (controls) {
    controls.addEventListener('click', (ev) => {
      const b = ev.target.closest('[data-zoom]');
      if (!b) return;
      const f = { in: () => zoomAt(1.25), out: () => zoomAt(0.8), reset, ...actions }[b.dataset.zoom];
      if (f) f();
    });
  }
  // ensureVisible pans so that chart point (x, y) is inside the frame
  // (a node reached with Tab after zooming in may lie outside it).
  const ensureVisible = (x, y) => {
    const sx = x * k + tx, sy = y * k + ty, m = 20;
    if (sx < m || sx > vb.width - m || sy < m || sy > vb.height - m) {
      tx = vb.width / 2 - x * k;
      ty = vb.height / 2 - y * k;
      apply();
    }
  };
  // fit shows the chart box [x0, x1] × [y0, y1] whole, centred.
  const fit = (x0, y0, x1, y1) => {
    k = Math.min(max, Math.max(min, Math.min(vb.width / Math.max(1, x1 - x0), vb.height / Math.max(1, y1 - y0))));
    tx = vb.width / 2 - k * (x0 + x1) / 2;
    ty = vb.height / 2 - k * (y0 + y1) / 2;
    apply();
  };
  apply();
  return { zoomAt, pan, reset, ensureVisible, fit };
}
