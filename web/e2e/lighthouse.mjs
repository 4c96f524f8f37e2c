// Lighthouse over tokumu's pages, offline, in Debian's Chromium: scripts/lighthouse.sh
// starts the server and runs this. Each page is audited with the desktop and the
// mobile preset, RUNS times each (a fresh headless Chromium per run, as Lighthouse
// advises), and the medians are checked against issue 18's bar: accessibility 100,
// best practices 100, SEO ≥ 95, performance ≥ 95 desktop / ≥ 90 mobile, and on the
// mobile preset cumulative layout shift ≤ 0.02 and total blocking time ≤ 200 ms.
// Prints a Markdown table (for BENCHMARKS.md), writes the medians as JSON to
// OUT/lighthouse.json, and exits 1 if any page misses the bar.
//
// Usage: node lighthouse.mjs BASE_URL OUT_DIR RUNS PRESETS PAGE...
//   PRESETS is "desktop,mobile", "desktop" or "mobile"; PAGE is a path ("/estimates").
//
// CPU_SLOWDOWN sets the mobile preset's CPU multiplier: unset, Lighthouse's
// default (4×, which takes a high-end desktop to a mid-tier phone); a number,
// that; "auto", the multiplier Lighthouse's own docs/throttling.md table gives
// for this host's benchmarkIndex (median of 3 probe runs) to reach the same
// mid-tier phone — on a host in the low-end-desktop bracket (1000–1500), 2×.
// The table's header says which was used, so a figure is never read without it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import * as chromeLauncher from 'chrome-launcher';
import * as constants from 'lighthouse/core/config/constants.js';

const [base, out, runsArg, presetsArg, ...pages] = process.argv.slice(2);
if (!base || !out || !runsArg || !presetsArg || pages.length === 0) {
  console.error('usage: node lighthouse.mjs BASE_URL OUT_DIR RUNS PRESETS PAGE...');
  process.exit(2);
}
const runs = Number(runsArg);
const presets = presetsArg.split(',');
const categories = ['performance', 'accessibility', 'best-practices', 'seo'];
const bar = {
  desktop: { performance: 95, accessibility: 100, 'best-practices': 100, seo: 95 },
  mobile: { performance: 90, accessibility: 100, 'best-practices': 100, seo: 95, cls: 0.02, tbt: 200 },
};

// slowdownFor maps a host's benchmarkIndex to the CPU multiplier that
// Lighthouse's docs/throttling.md ("Calibrating the CPU slowdown") suggests
// for reaching a mid-tier mobile device from that host's bracket: high-end
// desktop (≥ 1500) 4×, low-end desktop (1000–1500) 2×, high-end mobile
// (800–1000) 2×, a mid-tier phone itself 1×.
const slowdownFor = (bi) => (bi >= 1500 ? 4 : bi >= 800 ? 2 : 1);
let cpuSlowdown = 4, cpuNote = 'Lighthouse default';
const mobileConfig = () => (cpuSlowdown === 4 ? undefined : {
  extends: 'lighthouse:default',
  settings: { throttling: { ...constants.throttling.mobileSlow4G, cpuSlowdownMultiplier: cpuSlowdown } },
});

const median = (xs) => {
  const s = xs.slice().sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function once(url, preset) {
  // The machine's 1-minute load average as the run starts: on a shared
  // machine it says how far to trust the run's blocking time.
  const load = os.loadavg()[0];
  const chrome = await chromeLauncher.launch({
    chromePath: '/usr/bin/chromium',
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const flags = { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: categories };
    const r = await lighthouse(url, flags, preset === 'desktop' ? desktopConfig : mobileConfig());
    const lhr = r.lhr;
    // LH_KEEP=1 keeps each run's full report, for finding what failed.
    if (process.env.LH_KEEP) fs.writeFileSync(path.join(out, `${url.replace(/^https?:\/\/[^/]+/, '').replace(/[^a-z0-9]+/gi, '_')}-${preset}-${Date.now()}.json`), JSON.stringify(lhr));
    if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    const failing = [];
    for (const c of categories) {
      for (const ref of lhr.categories[c].auditRefs) {
        const a = lhr.audits[ref.id];
        if (ref.weight > 0 && a.score !== null && a.score < 1 && (c !== 'performance' || a.score < 0.9)) failing.push(`${ref.id} ${a.displayValue || a.score}`);
      }
    }
    return {
      scores: Object.fromEntries(categories.map((c) => [c, Math.round(lhr.categories[c].score * 100)])),
      cls: lhr.audits['cumulative-layout-shift'].numericValue,
      tbt: lhr.audits['total-blocking-time'].numericValue,
      lcp: lhr.audits['largest-contentful-paint'].numericValue,
      benchmarkIndex: lhr.environment.benchmarkIndex,
      load,
      failing,
      version: lhr.lighthouseVersion,
    };
  } finally {
    await chrome.kill();
  }
}

// retried runs once() up to three times: on a loaded machine Chromium now
// and then fails to record the trace (NO_NAVSTART), which says nothing of
// the page; a run that fails three times ends the whole run.
async function retried(url, preset) {
  for (let i = 1; ; i++) {
    try {
      return await once(url, preset);
    } catch (e) {
      if (i === 3) throw e;
      console.error(`${e.message}: trying again`);
    }
  }
}

fs.mkdirSync(out, { recursive: true });
const slow = process.env.CPU_SLOWDOWN || '';
if (slow === 'auto') {
  const probes = [];
  for (let i = 0; i < 3; i++) probes.push((await retried(base + '/', 'mobile')).benchmarkIndex);
  const bi = median(probes);
  cpuSlowdown = slowdownFor(bi);
  cpuNote = `calibrated: benchmarkIndex ${Math.round(bi)} (median of ${probes.map(Math.round).join(', ')}), Lighthouse's docs/throttling.md table`;
} else if (slow !== '') {
  cpuSlowdown = Number(slow);
  if (!(cpuSlowdown >= 1 && cpuSlowdown <= 20)) { console.error(`CPU_SLOWDOWN=${slow}: want "auto" or a number from 1 to 20`); process.exit(2); }
  cpuNote = 'set by CPU_SLOWDOWN';
}
console.error(`mobile CPU slowdown ×${cpuSlowdown} (${cpuNote})`);
const rows = [];
let bad = 0, version = '';
const bench = [];
for (const page of pages) {
  for (const preset of presets) {
    const rs = [];
    for (let i = 0; i < runs; i++) rs.push(await retried(base + page, preset));
    version = rs[0].version;
    bench.push(...rs.map((r) => r.benchmarkIndex));
    const m = {
      page, preset, runs: rs.length,
      performance: median(rs.map((r) => r.scores.performance)),
      accessibility: median(rs.map((r) => r.scores.accessibility)),
      'best-practices': median(rs.map((r) => r.scores['best-practices'])),
      seo: median(rs.map((r) => r.scores.seo)),
      perfRuns: rs.map((r) => r.scores.performance),
      cls: median(rs.map((r) => r.cls)),
      tbt: median(rs.map((r) => r.tbt)),
      lcp: median(rs.map((r) => r.lcp)),
      load: [Math.min(...rs.map((r) => r.load)), Math.max(...rs.map((r) => r.load))],
      tbtRuns: rs.map((r) => Math.round(r.tbt)),
      failing: [...new Set(rs.flatMap((r) => r.failing))],
    };
    const b = bar[preset];
    m.misses = Object.entries(b).filter(([k, v]) => (k === 'cls' || k === 'tbt' ? m[k] > v : m[k] < v)).map(([k, v]) => `${k} ${k === 'cls' ? m[k].toFixed(3) : Math.round(m[k])} (bar ${v})`);
    if (m.misses.length) bad++;
    rows.push(m);
    write();
    console.error(`${page} ${preset}: perf ${m.performance} (${m.perfRuns.join('/')}) a11y ${m.accessibility} bp ${m['best-practices']} seo ${m.seo} CLS ${m.cls.toFixed(3)} TBT ${Math.round(m.tbt)} ms (${m.tbtRuns.join('/')}) LCP ${Math.round(m.lcp)} ms load ${m.load.map((x) => x.toFixed(1)).join('–')}${m.misses.length ? '  MISSES: ' + m.misses.join(', ') : ''}${m.failing.length ? '  failing: ' + m.failing.join('; ') : ''}`);
  }
}

// The table so far: written after every page, so an interrupted run keeps
// what it measured.
function write() {
  const table = [
    `Lighthouse ${version}, Chromium (${'/usr/bin/chromium'}), median of ${runs} run(s); mobile CPU slowdown ×${cpuSlowdown} (${cpuNote}); benchmarkIndex ${Math.round(Math.min(...bench))}–${Math.round(Math.max(...bench))}; load average (1 min) ${Math.min(...rows.map((m) => m.load[0])).toFixed(1)}–${Math.max(...rows.map((m) => m.load[1])).toFixed(1)} on ${os.cpus().length} cores.`,
    '',
    '| page | preset | performance (runs) | accessibility | best practices | SEO | CLS | TBT ms (runs) | LCP ms | load |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map((m) => `| \`${m.page}\` | ${m.preset} | ${m.performance} (${m.perfRuns.join('/')}) | ${m.accessibility} | ${m['best-practices']} | ${m.seo} | ${m.cls.toFixed(3)} | ${Math.round(m.tbt)} (${m.tbtRuns.join('/')}) | ${Math.round(m.lcp)} | ${m.load.map((x) => x.toFixed(1)).join('–')} |`),
  ].join('\n');
  fs.writeFileSync(path.join(out, 'lighthouse.json'), JSON.stringify({ version, runs, cpuSlowdown, cpuNote, rows }, null, 2));
  fs.writeFileSync(path.join(out, 'lighthouse.md'), table + '\n');
  return table;
}
console.log(write());
if (bad) {
  console.error(`${bad} page/preset pair(s) miss the bar`);
  process.exit(1);
}
