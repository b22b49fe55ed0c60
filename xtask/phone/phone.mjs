// `cargo xtask phone`: loads the public pages of a running Doorstep the way a
// cheap Android phone on a weak mountain signal does, over the DevTools
// protocol in headless Chromium, and prints what a user waits for.
//
// Profile: 400 kbps down and up, 400 ms added latency, the CPU slowed 4x,
// the cache disabled, a 360x740 mobile viewport, a fresh profile per load.
// Pages: home (`/`, the login form), job search (`/jobs?q=缝纫`, the job
// cards) and an open posting (its detail), each loaded `--runs` times.
//
// usage: node phone.mjs --url URL [--runs N] [--label TEXT]
//                       [--filmstrip FILE.png] [--lighthouse]

import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

import puppeteer from "puppeteer-core";

const CHROMIUM = process.env.CHROME_PATH || "/usr/bin/chromium";
const KBPS = 400;
const PROFILE = {
  network: { download: (KBPS * 1000) / 8, upload: (KBPS * 1000) / 8, latency: 400 },
  cpuSlowdown: 4,
  viewport: { width: 360, height: 740, isMobile: true, hasTouch: true, deviceScaleFactor: 1 },
};
const QUERY = "缝纫";
/** Moments of the filmstrip, in ms after navigation start: the first 3 s (then the first useful frame). */
const FRAMES = [500, 1000, 2000, 3000];
/** A load gives up after this long. */
const TIMEOUT = 120_000;
/** The network counts as idle after this long with nothing in flight. */
const QUIET = 1000;

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const postingId = await openPostingId(options.url);
  const pages = [
    { name: "home", path: "/", useful: "#username", what: "login form" },
    { name: "job search", path: `/jobs?q=${encodeURIComponent(QUERY)}`, useful: ".posting-card, #search-empty", what: "job cards" },
    { name: "posting", path: `/postings/${postingId}`, useful: "#posting-detail", what: "posting detail" },
  ];
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage"],
  });
  const loads = [];
  try {
    for (let run = 1; run <= options.runs; run++) {
      for (const page of pages) {
        const load = await measure(browser, options.url + page.path, page.useful);
        loads.push({ page, run, ...load });
        process.stderr.write(`phone: ${page.name} run ${run}: useful at ${fmt(load.useful)} ms, ${kb(load.bytes)} KB\n`);
      }
    }
    if (options.filmstrip) {
      await filmstrip(browser, pages[1], options);
    }
  } finally {
    await browser.close();
  }
  report(options, pages, loads);
  if (options.lighthouse) {
    await lighthouse(options, pages);
  }
  const problems = loads.reduce((n, load) => n + load.errors.length + load.failures.length, 0);
  process.exitCode = problems === 0 ? 0 : 2;
}

function parseArgs(args) {
  const options = { url: null, runs: 3, label: "", filmstrip: null, lighthouse: false };
  for (let i = 0; i < args.length; i++) {
    const value = () => {
      if (i + 1 >= args.length) usage(`${args[i]} needs a value`);
      return args[++i];
    };
    switch (args[i]) {
      case "--url": options.url = value().replace(/\/+$/, ""); break;
      case "--runs": options.runs = Number.parseInt(value(), 10); break;
      case "--label": options.label = value(); break;
      case "--filmstrip": options.filmstrip = value(); break;
      case "--lighthouse": options.lighthouse = true; break;
      default: usage(`unknown argument ${args[i]}`);
    }
  }
  if (!options.url) usage("--url is required");
  if (!(options.runs >= 1 && options.runs <= 20)) usage("--runs must be 1 to 20");
  return options;
}

function usage(message) {
  console.error(`phone: ${message}\nusage: node phone.mjs --url URL [--runs N] [--label TEXT] [--filmstrip FILE.png] [--lighthouse]`);
  process.exit(64);
}

/** Finds an open posting through the public search API; the seeding indexer may still be catching up. */
async function openPostingId(base) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    for (const q of [QUERY, ""]) {
      const response = await fetch(`${base}/api/v1/postings?q=${encodeURIComponent(q)}`);
      if (!response.ok) throw new Error(`GET /api/v1/postings answered ${response.status}`);
      const open = (await response.json()).items.find((posting) => posting.status === "open");
      if (open) return open.id;
    }
    if (Date.now() > deadline) throw new Error("no open posting found through /api/v1/postings");
    await sleep(1000);
  }
}

/** Opens a fresh incognito page with the phone profile applied. */
async function phonePage(browser) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport(PROFILE.viewport);
  await page.setCacheEnabled(false);
  await page.emulateNetworkConditions(PROFILE.network);
  await page.emulateCPUThrottling(PROFILE.cpuSlowdown);
  // Our own session hears every request's encoded size; puppeteer's keeps the throttling.
  const cdp = await page.createCDPSession();
  await cdp.send("Network.enable");
  return { context, page, cdp };
}

/** Runs in the page before any of its scripts: notes when `selector` first reaches the screen. */
function watchFor(selector) {
  const observer = new MutationObserver(() => {
    if (document.querySelector(selector)) {
      observer.disconnect();
      // The frame that paints the new element starts with this callback.
      requestAnimationFrame(() => { window.__phoneUseful = performance.now(); });
    }
  });
  observer.observe(document, { childList: true, subtree: true });
}

/** One throttled load: paint times, first useful content, bytes, errors. */
async function measure(browser, url, useful) {
  const { context, page, cdp } = await phonePage(browser);
  const inFlight = new Set();
  const failures = [];
  const errors = [];
  const waterfall = new Map();
  let bytes = 0;
  let lastActivity = Date.now();
  cdp.on("Network.requestWillBeSent", (e) => {
    inFlight.add(e.requestId);
    waterfall.set(e.requestId, { url: e.request.url, start: e.timestamp, end: undefined, bytes: 0 });
    lastActivity = Date.now();
  });
  cdp.on("Network.responseReceived", (e) => {
    if (e.response.status >= 400) failures.push(`${e.response.status} ${e.response.url}`);
  });
  cdp.on("Network.loadingFinished", (e) => {
    bytes += e.encodedDataLength;
    Object.assign(waterfall.get(e.requestId) ?? {}, { end: e.timestamp, bytes: e.encodedDataLength });
    inFlight.delete(e.requestId);
    lastActivity = Date.now();
  });
  cdp.on("Network.loadingFailed", (e) => {
    if (!e.canceled) failures.push(`failed (${e.errorText}) ${waterfall.get(e.requestId)?.url}`);
    inFlight.delete(e.requestId);
    lastActivity = Date.now();
  });
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(String(error)));
  await page.evaluateOnNewDocument(watchFor, useful);
  try {
    await page.goto(url, { waitUntil: "load", timeout: TIMEOUT });
    await page.waitForFunction(() => window.__phoneUseful !== undefined, { timeout: TIMEOUT, polling: 50 });
    const deadline = Date.now() + TIMEOUT;
    while ((inFlight.size > 0 || Date.now() - lastActivity < QUIET) && Date.now() < deadline) {
      await sleep(100);
    }
    const timing = await page.evaluate(() => {
      const paint = (name) => performance.getEntriesByName(name, "paint")[0]?.startTime;
      return { firstPaint: paint("first-paint"), fcp: paint("first-contentful-paint"), useful: window.__phoneUseful };
    });
    return { ...timing, bytes, requests: [...waterfall.values()], errors, failures };
  } finally {
    await context.close();
  }
}

/** Prints every load, then the medians, as Markdown tables. */
function report(options, pages, loads) {
  const label = options.label ? ` — ${options.label}` : "";
  console.log(`\n### Phone profile${label}\n`);
  const load = loadavg().map((n) => n.toFixed(1)).join(" ");
  console.log(`${options.url}, ${KBPS} kbps down/up, ${PROFILE.network.latency} ms latency, CPU ${PROFILE.cpuSlowdown}x slower, cache disabled, 360x740, ${options.runs} runs per page; KB = 1024 bytes as sent (headers included); ${new Date().toISOString()}, machine load ${load}\n`);
  console.log("| page | run | first paint ms | first contentful paint ms | first useful content ms | KB transferred | requests |");
  console.log("|---|---:|---:|---:|---:|---:|---:|");
  for (const load of loads) {
    console.log(`| ${load.page.name} | ${load.run} | ${fmt(load.firstPaint)} | ${fmt(load.fcp)} | ${fmt(load.useful)} | ${kb(load.bytes)} | ${load.requests.length} |`);
  }
  console.log("\nMedians:\n");
  console.log("| page (first useful content) | first paint ms | first contentful paint ms | first useful content ms | KB transferred |");
  console.log("|---|---:|---:|---:|---:|");
  for (const page of pages) {
    const mine = loads.filter((load) => load.page === page);
    const med = (key) => median(mine.map((load) => load[key]));
    console.log(`| ${page.name} \`${decodeURI(page.path)}\` (${page.what}) | ${fmt(med("firstPaint"))} | ${fmt(med("fcp"))} | ${fmt(med("useful"))} | ${kb(med("bytes"))} |`);
  }
  for (const load of loads.filter((l) => l.run === 1)) {
    // Request timestamps are seconds on one monotonic clock; the document's start is 0.
    const origin = load.requests[0]?.start ?? 0;
    console.log(`\nRequests of ${load.page.name}, run 1 (start–end ms, KB):`);
    for (const r of load.requests) {
      const { pathname, search } = new URL(r.url);
      console.log(`- ${decodeURI(pathname + search)}: ${fmt((r.start - origin) * 1000)}–${fmt(r.end === undefined ? undefined : (r.end - origin) * 1000)}, ${kb(r.bytes)}`);
    }
  }
  const errors = loads.flatMap((load) => load.errors.map((text) => `${load.page.name} run ${load.run}: ${text}`));
  const failures = loads.flatMap((load) => load.failures.map((text) => `${load.page.name} run ${load.run}: ${text}`));
  console.log(`\nConsole errors: ${errors.length === 0 ? "none" : ""}`);
  for (const line of errors) console.log(`- ${line}`);
  console.log(`Responses >= 400 or failed requests: ${failures.length === 0 ? "none" : ""}`);
  for (const line of failures) console.log(`- ${line}`);
}

/**
 * One more throttled load of `target`, filmed: the screen as it was at each
 * of FRAMES and when its useful content first showed, side by side in one
 * PNG. Not timed, since filming slows the page down.
 */
async function filmstrip(browser, target, options) {
  const { context, page, cdp } = await phonePage(browser);
  const frames = [];
  try {
    cdp.on("Page.screencastFrame", (frame) => {
      frames.push({ at: frame.metadata.timestamp * 1000, data: frame.data });
      cdp.send("Page.screencastFrameAck", { sessionId: frame.sessionId }).catch(() => {});
    });
    await cdp.send("Page.startScreencast", { format: "png", maxWidth: 360, maxHeight: 740, everyNthFrame: 1 });
    await page.evaluateOnNewDocument(watchFor, target.useful);
    await page.goto(options.url + target.path, { waitUntil: "load", timeout: TIMEOUT });
    await page.waitForFunction(() => window.__phoneUseful !== undefined, { timeout: TIMEOUT, polling: 50 });
    const { origin, useful } = await page.evaluate(() => ({ origin: performance.timeOrigin, useful: window.__phoneUseful }));
    await sleep(Math.max(500, origin + FRAMES.at(-1) + 500 - Date.now()));
    await cdp.send("Page.stopScreencast");
    const shots = FRAMES.map((ms) => ({ caption: `${(ms / 1000).toFixed(1)} s`, data: frames.filter((f) => f.at - origin <= ms).at(-1)?.data }));
    // The last frame filmed, at least 0.5 s after the useful content came: the
    // first frame stamped after it may still show the screen before it
    // (screencast frames arrive out of step with the page's own clock).
    const shown = frames.filter((f) => f.at - origin >= useful).at(-1);
    if (shown && useful > FRAMES.at(-1)) {
      shots.push({ caption: `${(useful / 1000).toFixed(1)} s: ${target.what}`, data: shown.data });
    }
    const title = `${options.label || options.url} — ${decodeURI(target.path)}, ${KBPS} kbps, ${PROFILE.network.latency} ms, CPU ${PROFILE.cpuSlowdown}x`;
    await compose(browser, shots, options.filmstrip, title);
  } finally {
    await context.close();
  }
}

/** Lays the frames out in a row with their times under them and saves the row as a PNG. */
async function compose(browser, shots, file, title) {
  const { width, height } = PROFILE.viewport;
  const figures = shots
    .map(({ caption, data }) => {
      const screen = data ? `<img src="data:image/png;base64,${data}">` : `<div class="blank">nothing painted</div>`;
      return `<figure>${screen}<figcaption>${caption}</figcaption></figure>`;
    })
    .join("");
  const html = `<!doctype html><meta charset="utf-8"><style>
    body { margin: 0; font: 16px system-ui, sans-serif; background: #fff; }
    #strip { display: inline-block; padding: 8px; }
    h1 { font-size: 16px; margin: 0 0 8px; }
    .row { display: flex; gap: 8px; }
    figure { margin: 0; }
    img, .blank { display: block; width: ${width}px; height: ${height}px; border: 1px solid #999; }
    .blank { display: flex; align-items: center; justify-content: center; color: #999; background: #fff; }
    figcaption { text-align: center; padding-top: 4px; }
  </style><div id="strip"><h1></h1><div class="row">${figures}</div></div>`;
  const page = await browser.newPage();
  try {
    await page.setViewport({ width: shots.length * (width + 10) + 16, height: height + 80 });
    await page.setContent(html, { waitUntil: "load" });
    await page.$eval("h1", (h1, text) => { h1.textContent = text; }, title);
    const strip = await page.$("#strip");
    await strip.screenshot({ path: file });
    console.log(`\nFilmstrip: ${file}`);
  } finally {
    await page.close();
  }
}

/** Lighthouse (mobile preset, its own simulated throttling) on each page; medians of the runs. */
async function lighthouse(options, pages) {
  const bin = path.join(path.dirname(fileURLToPath(import.meta.url)), "node_modules", ".bin", "lighthouse");
  const dir = await mkdtemp(path.join(tmpdir(), "doorstep-lighthouse-"));
  const categories = ["performance", "accessibility", "best-practices"];
  const metrics = ["first-contentful-paint", "largest-contentful-paint", "speed-index", "total-blocking-time", "cumulative-layout-shift"];
  console.log("\n### Lighthouse (mobile preset)\n");
  console.log("| page | Performance | Accessibility | Best practices | FCP s | LCP s | Speed Index s | TBT ms | CLS |");
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
  const failed = [];
  try {
    for (const page of pages) {
      const runs = [];
      for (let run = 1; run <= options.runs; run++) {
        const out = path.join(dir, `report-${run}.json`);
        await promisify(execFile)(bin, [
          options.url + page.path,
          `--only-categories=${categories.join(",")}`,
          "--output=json", `--output-path=${out}`, "--quiet",
          "--chrome-flags=--headless=new --no-sandbox --disable-dev-shm-usage",
        ], { env: { ...process.env, CHROME_PATH: CHROMIUM }, maxBuffer: 64 << 20 });
        runs.push(JSON.parse(await readFile(out, "utf8")));
      }
      const score = (id) => Math.round(median(runs.map((r) => r.categories[id].score * 100)));
      const value = (id) => median(runs.map((r) => r.audits[id].numericValue));
      for (const r of runs) {
        for (const audit of Object.values(r.audits)) {
          if (audit.score !== null && audit.score < 1 && isChecked(r, audit.id)) {
            failed.push(`${page.name}: ${audit.id} (${audit.title})`);
          }
        }
      }
      console.log(`| ${page.name} | ${score("performance")} | ${score("accessibility")} | ${score("best-practices")} | ${(value(metrics[0]) / 1000).toFixed(1)} | ${(value(metrics[1]) / 1000).toFixed(1)} | ${(value(metrics[2]) / 1000).toFixed(1)} | ${Math.round(value(metrics[3]))} | ${value(metrics[4]).toFixed(3)} |`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  console.log(`\nLighthouse ${options.runs} run(s) per page, medians. Accessibility and best-practices audits failed (any run): ${failed.length === 0 ? "none" : ""}`);
  for (const line of new Set(failed)) console.log(`- ${line}`);
}

/** Whether an audit counts towards accessibility or best practices (performance has its metrics above). */
function isChecked(report, id) {
  return ["accessibility", "best-practices"].some((category) =>
    report.categories[category].auditRefs.some((ref) => ref.id === id && ref.weight > 0));
}

function median(values) {
  const known = values.filter((v) => typeof v === "number").sort((a, b) => a - b);
  if (known.length === 0) return undefined;
  const mid = Math.floor(known.length / 2);
  return known.length % 2 ? known[mid] : (known[mid - 1] + known[mid]) / 2;
}

const fmt = (ms) => (typeof ms === "number" ? String(Math.round(ms)) : "–");
const kb = (bytes) => (typeof bytes === "number" ? (bytes / 1024).toFixed(1) : "–");
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

main().catch((error) => {
  console.error(`phone: ${error.stack || error}`);
  process.exit(1);
});
