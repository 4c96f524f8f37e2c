// The structure view: a year slider beside the date fields. Moving it sets
// the date to the 1st of June of that year and loads the chart for it —
// a plain navigation, so the chart stays server-rendered and the URL
// (root, date, compare) is the state. The page that loads puts the focus
// back on the slider, so a keyboard user moves on year by year without
// starting again from the top (WCAG 2.4.3). The date fields do not submit
// on change: leaving "On" for "Compare with" must not reload the page
// (WCAG 3.2.2); Enter or the Show button does.
const form = document.getElementById('st-form');
const slider = document.getElementById('st-year');
const date = document.getElementById('st-date');
const focusKey = 'tokumu.structure.focus';
if (form && slider && date) {
  const out = document.getElementById('st-year-out');
  let timer = 0;
  slider.addEventListener('input', () => {
    out.textContent = slider.value;
    clearTimeout(timer);
    timer = setTimeout(() => {
      date.value = `${slider.value}-06-01`;
      try { sessionStorage.setItem(focusKey, 'st-year'); } catch { /* storage off: focus starts at the top */ }
      form.requestSubmit();
    }, 250);
  });
  let again = null;
  try { again = sessionStorage.getItem(focusKey); sessionStorage.removeItem(focusKey); } catch { /* as above */ }
  if (again === 'st-year') slider.focus();
}
