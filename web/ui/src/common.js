// Shared by every page: as-you-type suggestions for the search box, from
// /api/suggest, with the keyboard (↓ ↑ Enter Esc) as well as the mouse;
// "/" focuses the box. Without JavaScript the box is a plain form that
// opens /search.
import { qs, el, lang } from './util.js';

// scriptLang is the lang of a name by its script, as the server marks
// text of unrecorded language (web.base.ScriptLang): ru for Cyrillic, ja
// for kana, en for Latin letters on a page in another language; null
// (no attribute) for the page's own language and for Han alone.
function scriptLang(s) {
  let l = null;
  if (/[\u0400-\u04ff]/.test(s)) l = 'ru';
  else if (/[\u3040-\u30ff]/.test(s)) l = 'ja';
  else if (/[A-Za-z]/.test(s) && !/[\u3400-\u9fff]/.test(s)) l = 'en';
  return l === lang() ? null : l;
}

function suggest() {
  const input = qs('#q');
  const list = qs('#suggest');
  if (!input || !list) return;
  let items = [], active = -1, seq = 0, timer = 0;
  const close = () => { list.hidden = true; input.setAttribute('aria-expanded', 'false'); mark(-1); };
  const mark = (i) => {
    items.forEach((li, j) => li.setAttribute('aria-selected', j === i ? 'true' : 'false'));
    active = i;
    if (i >= 0) input.setAttribute('aria-activedescendant', items[i].id); else input.removeAttribute('aria-activedescendant');
  };
  // Each option is plain text, not a link: an option is not allowed to
  // hold another interactive element (axe nested-interactive), and the
  // input keeps the focus while aria-activedescendant names the option.
  // Its page's address rides in data-href; click or Enter opens it.
  const show = (hits) => {
    list.replaceChildren();
    const q = lang() === 'en' ? '' : '?lang=' + lang();
    items = hits.filter((h) => h.entity).map((h, i) => el('li', {
      svg: false, id: 'sg-' + i, role: 'option', 'aria-selected': 'false',
      'data-href': '/entities/' + encodeURIComponent(h.entity) + q,
    },
    el('span', { svg: false, class: 'sg-label', lang: scriptLang(h.label), text: h.label }),
    // The parts are spaced by margins on screen; a screen reader hears a
    // comma between them, not one run-on word.
    h.name && h.name !== h.label ? el('span', { svg: false, class: 'vh', text: ', ' }) : null,
    h.name && h.name !== h.label ? el('span', { svg: false, class: 'sg-name', lang: scriptLang(h.name), text: h.name }) : null,
    h.type ? el('span', { svg: false, class: 'vh', text: ', ' }) : null,
    h.type ? el('span', { svg: false, class: 'sg-name', text: h.type }) : null));
    list.append(...items);
    list.hidden = items.length === 0;
    input.setAttribute('aria-expanded', items.length ? 'true' : 'false');
    mark(-1);
  };
  // mousedown, not click: it comes before the input's blur closes the list.
  list.addEventListener('mousedown', (ev) => {
    const li = ev.target.closest('li[data-href]');
    if (li) { ev.preventDefault(); location.href = li.dataset.href; }
  });
  input.addEventListener('input', () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (!q) { close(); return; }
    timer = setTimeout(async () => {
      const my = ++seq;
      try {
        const lang = new URLSearchParams(location.search).get('lang');
        const r = await fetch('/api/suggest?limit=8&q=' + encodeURIComponent(q) + (lang ? '&lang=' + encodeURIComponent(lang) : ''));
        if (!r.ok || my !== seq) return;
        show(await r.json());
      } catch (e) { /* the form still works without suggestions */ }
    }, 120);
  });
  input.addEventListener('keydown', (ev) => {
    if (list.hidden || !items.length) return;
    if (ev.key === 'ArrowDown') { ev.preventDefault(); mark((active + 1) % items.length); }
    else if (ev.key === 'ArrowUp') { ev.preventDefault(); mark((active - 1 + items.length) % items.length); }
    // Esc closes the list and keeps the text (a type=search box would
    // clear it too): the ARIA combobox pattern.
    else if (ev.key === 'Escape') { ev.preventDefault(); close(); }
    else if (ev.key === 'Enter' && active >= 0) { ev.preventDefault(); location.href = items[active].dataset.href; }
  });
  // Enter on a chosen suggestion opens it rather than the results page,
  // whichever of keydown or the form's submit the browser delivers first.
  input.form.addEventListener('submit', (ev) => {
    if (!list.hidden && active >= 0) { ev.preventDefault(); location.href = items[active].dataset.href; }
  });
  input.addEventListener('blur', () => setTimeout(close, 200));
  document.addEventListener('keydown', (ev) => {
    if (ev.key === '/' && document.activeElement.tagName !== 'INPUT' && document.activeElement.tagName !== 'TEXTAREA' && document.activeElement.tagName !== 'SELECT') {
      ev.preventDefault(); input.focus();
    }
  });
}

suggest();
