/**
 * Page loads at 100,000 variants, in Chromium, through the production Next.js server with a
 * signed-in session: for every dashboard page the time from navigation to its first content (the
 * grid's first rows where it has a grid; otherwise the page with no loading placeholder left) and
 * its largest contentful paint, beside the same figures for a static page served by the same
 * server in the same run (the bench-only ceiling route answering a 100-row HTML table). Goal: every
 * page under 2 s. Prints figures; asserts nothing.
 *
 *   pnpm bench:pages
 *
 * Builds the web app once (BENCH_SKIP_BUILD=1 reuses the last build). CHROMIUM_PATH (default
 * /usr/bin/chromium) is the browser; BENCH_LOADS (default 5) the loads per page, the median kept;
 * BENCH_VARIANTS (default 100000) sizes the catalog. Database as for bench:api.
 */
import { chromium, type Page } from "@playwright/test";
import { print, printTable } from "@syncstore/postgres/report";
import { machine, startBenchWeb } from "./web-server";

const variantCount = Number(process.env.BENCH_VARIANTS ?? 100_000);
const loads = Number(process.env.BENCH_LOADS ?? 5);
const goalMs = 2000;

const pages = [
  "/",
  "/products",
  "/products/new",
  "/inventory",
  "/orders",
  "/channels",
  "/sync",
  "/conflicts",
  "/alerts",
  "/analytics",
  "/reports",
  "/webhooks",
  "/audit",
  "/team",
  "/settings",
  "/settings/profile",
  "/settings/organization",
  "/settings/channels",
  "/settings/inventory",
  "/settings/conflicts",
  "/settings/notifications",
];

/** A static page the size of a grid block: a heading and 100 rows of 8 cells. */
function staticPage(): string {
  const rows = Array.from(
    { length: 100 },
    (_, i) => `<tr>${Array.from({ length: 8 }, (_, c) => `<td>Row ${i + 1} cell ${c + 1}</td>`).join("")}</tr>`,
  ).join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Static ceiling</title></head><body><main><h1>Products</h1><table>${rows}</table></main></body></html>`;
}

/** Records the largest contentful paint as the browser reports it (buffered, so none is missed). */
const observeLcp = () => {
  const state = window as unknown as { __lcp?: number };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) state.__lcp = entry.startTime;
  }).observe({ type: "largest-contentful-paint", buffered: true });
};

/**
 * Milliseconds from navigation to first content: rows in the grid (or its "no rows" overlay) when
 * the page has one; otherwise a main area with text and no loading placeholder.
 */
const firstContent = () => {
  const main = document.querySelector("main") ?? document.body;
  if (!main) return false;
  if (main.querySelector('[aria-busy="true"], [data-slot="skeleton"], .ag-overlay-loading-wrapper')) return false;
  if (main.querySelector(".ag-root")) {
    const rows = [...main.querySelectorAll('.ag-row:not(.ag-row-loading) [role="gridcell"]')].some((cell) =>
      (cell.textContent ?? "").trim(),
    );
    if (!rows && !main.querySelector(".ag-overlay-no-rows-wrapper")) return false;
  } else if (!(main.textContent ?? "").trim()) return false;
  return performance.now();
};

async function measure(page: Page, url: string): Promise<{ content: number; lcp: number; grid: boolean }> {
  await page.goto(url, { waitUntil: "commit" });
  const content = await page
    .waitForFunction(firstContent, undefined, { timeout: 30_000 })
    .then(async (handle) => Number(await handle.jsonValue()))
    .catch(async (error: unknown) => {
      const busy = await page.evaluate(() =>
        [...document.querySelectorAll('[aria-busy="true"], [data-slot="skeleton"], .ag-overlay-loading-wrapper')]
          .map((element) => element.outerHTML.slice(0, 120))
          .join(" | "),
      );
      throw new Error(`${url} showed no content within 30 s (now at ${page.url()}; still loading: ${busy})`, {
        cause: error,
      });
    });
  // LCP is final once the page has painted what it shows: two frames after the content is there.
  const lcp = await page.evaluate(
    () =>
      new Promise<number>((resolve) =>
        requestAnimationFrame(() =>
          requestAnimationFrame(() => resolve((window as unknown as { __lcp?: number }).__lcp ?? Number.NaN)),
        ),
      ),
  );
  const grid = await page.evaluate(() => Boolean(document.querySelector(".ag-root")));
  return { content, lcp, grid };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(0)} ms` : "-");

async function main(): Promise<void> {
  const web = await startBenchWeb("pages", variantCount);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
    ],
  });
  try {
    print(`${web.seeded}; web server at ${web.url} (next start), database: ${web.database.where}`);
    const put = await fetch(`${web.url}/api/bench/ceiling`, {
      method: "PUT",
      headers: { "content-type": "text/html; charset=utf-8" },
      body: staticPage(),
    });
    if (put.status !== 204) throw new Error(`the ceiling route answered ${put.status}: is SYNCSTORE_BENCH=1 set?`);
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const at = web.cookie.indexOf("=");
    const name = web.cookie.slice(0, at);
    // Production names it __Secure-…: Chromium takes it over http only for localhost, and marked Secure.
    await context.addCookies([
      { name, value: web.cookie.slice(at + 1), domain: "localhost", path: "/", secure: name.startsWith("__Secure-") },
    ]);
    await context.addInitScript(observeLcp);
    const page = await context.newPage();
    const started = machine();

    const run = async (url: string) => {
      await measure(page, url); // warm-up: the route's code and data in caches
      const results = [];
      for (let i = 0; i < loads; i++) results.push(await measure(page, url));
      return {
        content: median(results.map((r) => r.content)),
        lcp: median(results.map((r) => r.lcp)),
        grid: results[0]!.grid,
      };
    };
    const ceiling = await run(`${web.url}/api/bench/ceiling`);
    const table: string[][] = [
      ["page", "first content", "x static", "LCP", "x static", `goal < ${goalMs} ms`],
      ["static page, same server (ceiling)", ms(ceiling.content), "1.0x", ms(ceiling.lcp), "1.0x", ""],
    ];
    let met = 0;
    for (const path of pages) {
      const figures = await run(`${web.url}${path}`);
      const slowest = Math.max(figures.content, Number.isFinite(figures.lcp) ? figures.lcp : 0);
      if (slowest < goalMs) met++;
      table.push([
        `${path}${figures.grid ? " (grid rows)" : ""}`,
        ms(figures.content),
        `${(figures.content / ceiling.content).toFixed(1)}x`,
        ms(figures.lcp),
        `${(figures.lcp / ceiling.lcp).toFixed(1)}x`,
        slowest < goalMs ? "met" : "MISSED",
      ]);
    }
    printTable(table);
    print(
      `\npages with first content and LCP under ${goalMs} ms: ${met} of ${pages.length} (median of ${loads} loads each, 1440 x 900, after one warm-up load)`,
      `(absolute figures from this machine, shared: at start ${started}; at end ${machine()})`,
    );
  } finally {
    await browser.close();
    await web.stop();
  }
}

await main();
