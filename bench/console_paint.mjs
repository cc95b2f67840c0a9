// First contentful paint of the console's sign-in page: headless chromium (playwright-core from
// tests/e2e, Debian's /usr/bin/chromium) loads `/` of a fresh `cove serve` --runs times, each in a
// new browser context (empty cache), and prints each load's timings (tests/e2e/lib/ui.mjs
// loadTimings, the figures the e2e suite records in metrics.json) and the median.
// Run through bench/console_paint.sh, which installs playwright-core and finds the binary.
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCove } from '../tests/e2e/lib/server.mjs';
import { loadTimings } from '../tests/e2e/lib/ui.mjs';

const require = createRequire(new URL('../tests/e2e/package.json', import.meta.url));
const { chromium } = require('playwright-core');

const runs = Number(process.argv[2] ?? 10);
const binary = process.env.COVE_BINARY;
if (!binary) throw new Error('set COVE_BINARY (bench/console_paint.sh does)');

const artifacts = mkdtempSync(join(tmpdir(), 'cove-paint-bench-'));
const cove = await startCove({ binary, adminEmail: 'paint@example.com', adminPassword: 'Paint-Bench-Pass-1', artifacts });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-dev-shm-usage'],
});

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

try {
  const fcp = [];
  for (let i = 1; i <= runs; i += 1) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${cove.url}/`);
    await page.locator('[data-test=sign-in-submit]').waitFor();
    const formVisible = await page.evaluate(() => performance.now());
    const t = await loadTimings(page);
    if (t.firstContentfulPaintMs !== null) fcp.push(t.firstContentfulPaintMs);
    const ms = (v) => (v === null ? 'none' : `${v.toFixed(0)} ms`);
    console.log(`run ${String(i).padStart(2)}: first contentful paint ${ms(t.firstContentfulPaintMs)}, ` +
                `DOMContentLoaded ${ms(t.domContentLoadedMs)}, sign-in form visible ${ms(formVisible)}; ` +
                `${t.assetFiles} asset files, ${t.assetBytesEncoded} bytes on the wire`);
    await context.close();
  }
  if (fcp.length === 0) throw new Error('chromium reported no first contentful paint');
  console.log(`first contentful paint over ${fcp.length} cold loads: median ${median(fcp).toFixed(0)} ms, ` +
              `min ${Math.min(...fcp).toFixed(0)} ms, max ${Math.max(...fcp).toFixed(0)} ms` +
              (fcp.length < runs ? ` (${runs - fcp.length} loads reported none)` : ''));
} finally {
  await browser.close();
  await cove.stop();
  rmSync(artifacts, { recursive: true, force: true });
}
