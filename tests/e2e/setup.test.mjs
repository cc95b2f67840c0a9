// First run without a configured operator: the server logs a one-time setup link; opening it in
// the console creates the first platform admin, who then signs in to the operations console.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startCove } from './lib/server.mjs';

const ARTIFACTS = process.env.COVE_E2E_ARTIFACTS ?? join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, 'artifacts');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ADMIN = { email: 'founder@platform.example', name: 'Founding Admin', password: 'Founder-Passw0rd-setup' };

let cove;
let browser;

before(async () => {
  cove = await startCove({ binary: process.env.COVE_BINARY, artifacts: join(ARTIFACTS, 'setup') });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
});

after(async () => {
  await browser?.close();
  await cove?.stop();
});

test('the setup link from the log creates the first admin, once', async () => {
  const m = /path="?(\/setup#[A-Za-z0-9_-]+)/.exec(cove.logText());
  assert.ok(m, 'the server logs a setup link when no operator is configured');
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' })).newPage();
  await page.goto(cove.url + m[1]);
  await page.fill('[data-test=setup-email]', ADMIN.email);
  await page.fill('[data-test=setup-name]', ADMIN.name);
  await page.fill('[data-test=setup-password]', ADMIN.password);
  await page.fill('[data-test=setup-confirm]', ADMIN.password);
  await page.screenshot({ path: join(ARTIFACTS, '29-first-run-setup.png'), fullPage: true });
  await page.click('[data-test=setup-submit]');
  await page.waitForURL(/\/sign-in/);
  await page.fill('[data-test=email]', ADMIN.email);
  await page.fill('[data-test=password]', ADMIN.password);
  await page.click('[data-test=sign-in-submit]');
  await page.waitForURL(/\/ops(\/|$)/);
  // The link is spent: opening it again says so.
  await page.goto(cove.url + m[1]);
  await page.locator('[data-test=setup-unavailable]').waitFor();
  const res = await fetch(`${cove.url}/api/v1/setup`);
  assert.deepEqual(await res.json(), { available: false });
});
