// Version review in the console, end to end (issue 14): an organisation uploads a version that
// references an https host, submits it with notes and expedite; the automated pre-checks warn
// about the host; an operator claims it in 待办中心, reads the evidence and approves; the
// organisation releases it and a signed runtime request gets it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startCove } from './lib/server.mjs';
import { apiCall, confirmBox, screenshot } from './lib/ui.mjs';
import { makeZip } from './lib/zip.mjs';
import { signedRuntimeGet } from './lib/auth.mjs';

const ARTIFACTS = process.env.COVE_E2E_ARTIFACTS ?? join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, 'artifacts');
const BINARY = process.env.COVE_BINARY;
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ADMIN = { email: 'review-admin@example.com', password: 'Operator-Passw0rd-review' };
const OWNER = { email: 'owner@review.example', password: 'Owner-Passw0rd-review', name: 'Rita Review' };
const APP_NAME = 'Review Weather';

assert.ok(BINARY, 'set COVE_BINARY to the cove binary (tests/e2e/run.sh does)');
mkdirSync(join(ARTIFACTS, 'review'), { recursive: true });

let cove;
let browser;
const shot = (page, name) => screenshot(page, join(ARTIFACTS, 'review'), name);
const call = (...args) => apiCall(cove.url, ...args);
const s = {};

async function signedInPage({ email, password }, landing) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.on('pageerror', (e) => assert.fail(`page error: ${e}`));
  await page.goto(`${cove.url}/sign-in`);
  await page.fill('[data-test=email]', email);
  await page.fill('[data-test=password]', password);
  await page.click('[data-test=sign-in-submit]');
  await page.waitForURL(landing);
  return page;
}

before(async () => {
  cove = await startCove({ binary: BINARY, adminEmail: ADMIN.email, adminPassword: ADMIN.password, artifacts: join(ARTIFACTS, 'review') });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  s.admin = (await call('POST', '/api/v1/auth/login', null, ADMIN)).accessToken;
  const org = await call('POST', '/api/v1/orgs/register', null, {
    name: 'Review Org', licenseNo: 'REVIEW-2026-001', contactName: 'Rita', contactEmail: 'rita@review.example',
    contactPhone: '+86 21 5555 0303', owner: OWNER,
  });
  s.orgId = org.id;
  await call('POST', `/api/v1/platform/orgs/${s.orgId}/approve`, s.admin);
  s.token = (await call('POST', '/api/v1/auth/login', null, { email: OWNER.email, password: OWNER.password })).accessToken;
  s.appId = (await call('POST', `/api/v1/orgs/${s.orgId}/apps`, s.token, { name: APP_NAME })).appId;
  const zip = makeZip({
    'app.json': JSON.stringify({ pages: ['pages/index/index'], window: { navigationBarTitleText: APP_NAME } }),
    'pages/index/index.js': "Page({});\nwx.request({ url: 'https://api.review-weather.example/forecast' });\n",
  });
  await call('PUT', `/api/v1/apps/${s.appId}/versions/1.0.0/package`, s.token, zip, 'application/zip');
  const host = await call('POST', `/api/v1/orgs/${s.orgId}/host-apps`, s.token, {
    name: 'Review Host', bundleIds: [{ platform: 'ios', id: 'com.review.host' }],
  });
  await call('PUT', `/api/v1/host-apps/${host.id}/apps/${s.appId}`, s.token);
  s.host = { sdkKey: host.sdkKey, sdkSecret: host.sdkSecret, bundleId: 'com.review.host' };
});

after(async () => {
  await browser?.close();
  await cove?.stop();
});

describe('version review in the console', () => {
  test('release is refused until review; the organisation submits and the pre-checks warn', async () => {
    const page = await signedInPage(OWNER, /\/o\/org_/);
    s.owner = page;
    await page.goto(`${cove.url}/o/${s.orgId}/apps/${s.appId}?tab=versions`);
    const row = page.locator('[data-test=version-table] .el-table__row', { hasText: '1.0.0' });
    await row.locator('[data-test=submit-review]').click();
    const dialog = page.locator('[data-test=submit-dialog]');
    await dialog.waitFor();
    await page.fill('[data-test=submit-notes]', '天气预报首个版本');
    await page.fill('[data-test=submit-username]', 'demo');
    await page.fill('[data-test=submit-password]', 'demo-pass');
    await page.locator('[data-test=submit-expedite]').click();
    await shot(page, '01-submit-dialog');
    await page.click('[data-test=submit-confirm]');
    await dialog.waitFor({ state: 'hidden' });
    // The version row shows the review waiting, with the warning of the domains check.
    const cell = row.locator('[data-test=version-review]');
    await cell.locator('[data-status=in_review]').waitFor();
    assert.match(await cell.innerText(), /⚠1/);
    await cell.click();
    const domains = page.locator('.el-popover [data-check=domains]');
    await domains.waitFor();
    assert.equal(await domains.getAttribute('data-result'), 'warn');
    assert.match(await domains.innerText(), /api\.review-weather\.example/);
    await shot(page, '02-version-row-prechecks');
    // No release yet: the server refuses it with a clear code.
    const res = await fetch(`${cove.url}/api/v1/apps/${s.appId}/versions/1.0.0/release`, {
      method: 'POST', headers: { Authorization: `Bearer ${s.token}` },
    });
    assert.equal(res.status, 409);
    assert.equal((await res.json()).code, 'review.approval_required');
  });

  test('an operator claims it in 待办中心, reads the evidence and approves', async () => {
    const page = await signedInPage(ADMIN, /\/ops/);
    await page.goto(`${cove.url}/ops/reviews`);
    const row = page.locator('[data-test=review-queue] .el-table__row', { hasText: APP_NAME });
    await row.waitFor();
    assert.match(await row.innerText(), /加急/);
    await shot(page, '03-review-queue');
    await row.locator('[data-test=claim]').click();
    await page.waitForURL(/\/ops\/reviews\/rev_/);
    await page.locator('[data-test=review-claim-banner]').waitFor();
    const domains = page.locator('[data-check=domains]');
    assert.equal(await domains.getAttribute('data-result'), 'warn');
    assert.match(await domains.locator('[data-test=check-evidence]').innerText(), /pages\/index\/index\.js/);
    await page.locator('[data-test=review-history]').getByText('认领').waitFor();
    await shot(page, '04-review-detail');
    await page.click('[data-test=review-approve]');
    await confirmBox(page, '1.0.0');
    await page.locator('[data-test=review-title] [data-status=approved]').waitFor();
    await shot(page, '05-review-approved');
  });

  test('the organisation releases the approved version; the runtime serves it', async () => {
    const page = s.owner;
    await page.goto(`${cove.url}/o/${s.orgId}/apps/${s.appId}?tab=versions`);
    const row = page.locator('[data-test=version-table] .el-table__row', { hasText: '1.0.0' });
    await row.locator('[data-status=approved]').first().waitFor();
    await row.locator('[data-test=release]').click();
    await confirmBox(page, '1.0.0');
    await row.locator('[data-status=released]').waitFor();
    await page.goto(`${cove.url}/o/${s.orgId}/apps/${s.appId}?tab=reviews`);
    const record = page.locator('[data-test=review-table] .el-table__row', { hasText: '1.0.0' });
    await record.locator('[data-status=approved]').waitFor();
    await shot(page, '06-review-records');
    let res;
    for (let i = 0; i < 100; i++) {
      res = await signedRuntimeGet(cove.url, `/runtime/v1/apps/${s.appId}`, s.host);
      if (res.status === 200) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(res.status, 200);
    assert.equal((await res.json()).version, '1.0.0');
  });
});
