// Pictures of the console-polish screens for docs/screenshots/console-polish/: the operator's
// 全部小程序 list, the host-app list and a paginated list, at 1280 px in zh-CN, on the polish world
// (lib/polish-world.mjs). Not a test; run it against any cove binary, old or new:
//   node tests/e2e/screenshots.mjs path/to/cove OUT_DIR PREFIX      (PREFIX: before or after)
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { startCove } from './lib/server.mjs';
import { seedPolishWorld } from './lib/polish-world.mjs';

const [binary, outDir, prefix] = process.argv.slice(2);
if (!binary || !outDir || !prefix) {
  console.error('usage: node tests/e2e/screenshots.mjs path/to/cove OUT_DIR PREFIX');
  process.exit(2);
}
const ADMIN = { email: 'shots-admin@example.com', password: 'Operator-Passw0rd-shots' };
const out = resolve(outDir);
mkdirSync(out, { recursive: true });

const cove = await startCove({ binary: resolve(binary), adminEmail: ADMIN.email, adminPassword: ADMIN.password, artifacts: join(out, '.server') });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
try {
  const w = await seedPolishWorld(cove.url, ADMIN);
  const signIn = async ({ email, password }) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${cove.url}/sign-in`);
    await page.fill('[data-test=email]', email);
    await page.fill('[data-test=password]', password);
    await page.click('[data-test=sign-in-submit]');
    await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
    return page;
  };
  // The console scrolls inside its frame (.el-main), not the document: for the paginated list,
  // scroll that frame to the bottom, where the pagination bar is.
  const shot = async (page, path, name, bottom = false) => {
    await page.goto(cove.url + path);
    await page.locator('.el-table__row').first().waitFor({ timeout: 10_000 });
    await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => {});
    if (bottom) await page.evaluate(() => document.querySelector('.el-main')?.scrollTo(0, 1e6));
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(out, `${prefix}-${name}.png`) });
    console.log(`${prefix}-${name}.png`);
  };
  const ops = await signIn(ADMIN);
  await shot(ops, '/ops/apps', 'ops-apps');
  const owner = await signIn(w.owner);
  await shot(owner, `/o/${w.orgId}/host-apps`, 'host-apps');
  await shot(owner, `/o/${w.orgId}/apps`, 'paginated-apps', true);
} finally {
  await browser.close();
  await cove.stop();
}
