// Small helpers shared by the page scripts (bundled into each).

// afterPaint resolves once the browser has laid out and painted the page
// the server sent. A chart script waits for it before it measures its box:
// measuring earlier forces that layout inside the script's own task, and
// one long task (layout + drawing) blocks a phone longer than two short
// ones. The boxes are sized by the stylesheet, so waiting shifts nothing.
export function afterPaint() {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

export function qs(sel, root = document) { return root.querySelector(sel); }

// textWidth estimates a label's width at a font size of px (10 by
// default): CJK and full-width characters are about a font size wide,
// Latin and Cyrillic about 0.65 of it. A worker cannot measure text, and
// an estimate that errs wide only hides a label that would have fitted.
export function textWidth(s, px = 10) {
  let w = 0;
  for (const ch of s) w += /[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? px : 0.65 * px;
  return w + 0.4 * px;
}

export function el(name, attrs = {}, ...children) {
  const svg = ['svg', 'g', 'rect', 'circle', 'line', 'path', 'polygon', 'text', 'title', 'a'].includes(name) && attrs.svg !== false;
  const e = svg ? document.createElementNS('http://www.w3.org/2000/svg', name) : document.createElement(name);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'svg' || v == null) continue;
    if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c != null) e.append(c);
  return e;
}

// readData returns the JSON the server inlined in <script id=...>.
export function readData(id) {
  const node = document.getElementById(id);
  return node ? JSON.parse(node.textContent) : null;
}

// setQuery replaces parameters in the address bar without reloading, so
// that the view's state is a URL someone can share.
export function setQuery(params) {
  const u = new URL(location.href);
  for (const [k, v] of Object.entries(params)) {
    if (v === '' || v == null) u.searchParams.delete(k); else u.searchParams.set(k, v);
  }
  history.replaceState(null, '', u);
}

// lang is the page's language (?lang=, the cookie or Accept-Language, as
// the server chose it), which it writes as <html lang>.
export function lang() { return document.documentElement.lang || 'en'; }

// t returns a message of the page's language from the catalogue's js.*
// keys, which the server inlines as <script id="i18n">, with its
// arguments in the %[n]s / %[n]d places (numbers grouped per language); a
// plural message picks its form by Intl.PluralRules on argument 1. The
// English text given is used when the page carries no catalogue.
// The number format and plural rules are made once, on first need:
// building either can take a phone tens of milliseconds, and a chart
// calls t for every point it draws (a quantity page's chart spent
// 300 ms of Lighthouse's total blocking time making them per call).
let messages, numberFormat, pluralRules;
export function t(key, english, ...args) {
  if (messages === undefined) messages = readData('i18n') || {};
  let m = messages[key] ?? english;
  if (m && typeof m === 'object') m = m[(pluralRules ||= new Intl.PluralRules(lang())).select(args[0])] ?? m.other;
  return String(m).replace(/%\[(\d+)\]([ds])/g, (_, i, v) => {
    const a = args[+i - 1];
    return v === 'd' && typeof a === 'number' ? (numberFormat ||= new Intl.NumberFormat(lang())).format(a) : String(a);
  }).replace(/%%/g, '%');
}

