// The structure view: a year slider beside the date fields. Moving it sets
// the date to the 1st of June of that year and loads the chart for it —
// a plain navigation, so the chart stays server-rendered and the URL
// (root, date, compare) is the state.
const form = document.getElementById('st-form');
const slider = document.getElementById('st-year');
const date = document.getElementById('st-date');
if (form && slider && date) {
  const out = document.getElementById('st-year-out');
  let timer = 0;
  slider.addEventListener('input', () => {
    out.textContent = slider.value;
    clearTimeout(timer);
    timer = setTimeout(() => { date.value = `${slider.value}-06-01`; form.requestSubmit(); }, 250);
  });
  date.addEventListener('change', () => { if (date.value) form.requestSubmit(); });
}
