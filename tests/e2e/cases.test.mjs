// Violation reports, takedown and appeal, end to end (issue 14): a mini-program goes through
// review and release; an end user reports it through the host app (a signed runtime call); an
// operator takes it down from the case in 举报处理; the organisation reads the reason in 违规处理
// and appeals with a screenshot; the operator restores it and the runtime serves it again.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startCove } from './lib/server.mjs';
import { apiCall, confirmBox, screenshot } from './lib/ui.mjs';
import { makeZip } from './lib/zip.mjs';
import { signedRuntimeGet, signedRuntimePost } from './lib/auth.mjs';

const ARTIFACTS = process.env.COVE_E2E_ARTIFACTS ?? join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, 'artifacts');
const BINARY = process.env.COVE_BINARY;
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ADMIN = { email: 'cases-admin@example.com', password: 'Operator-Passw0rd-cases' };
const OWNER = { email: 'owner@cases.example', password: 'Owner-Passw0rd-cases', name: 'Carl Cases' };
const APP_NAME = 'Cases Wallet';
// The smallest file the server takes for a PNG: its signature and a few bytes.
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('cove e2e screenshot')]);

assert.ok(BINARY, 'set COVE_BINARY to the cove binary (tests/e2e/run.sh does)');
mkdirSync(join(ARTIFACTS, 'cases'), { recursive: true });

let cove;
let browser;
const shot = (page, name) => screenshot(page, join(ARTIFACTS, 'cases'), name);
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

// Polls the runtime until it answers `status` (the catalog rebuilds after each committed change).
async function runtimeStatus(status) {
  let res;
  for (let i = 0; i < 100; i++) {
    res = await signedRuntimeGet(cove.url, `/runtime/v1/apps/${s.appId}`, s.host);
    if (res.status === status) return res;
    await new Promise((r) => setTimeout(r, 50));
  }
  return res;
}

before(async () => {
  cove = await startCove({ binary: BINARY, adminEmail: ADMIN.email, adminPassword: ADMIN.password, artifacts: join(ARTIFACTS, 'cases') });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  s.admin = (await call('POST', '/api/v1/auth/login', null, ADMIN)).accessToken;
  const org = await call('POST', '/api/v1/orgs/register', null, {
    name: 'Cases Org', licenseNo: 'CASES-2026-001', contactName: 'Carl', contactEmail: 'carl@cases.example',
    contactPhone: '+86 21 5555 0404', owner: OWNER,
  });
  s.orgId = org.id;
  await call('POST', `/api/v1/platform/orgs/${s.orgId}/approve`, s.admin);
  s.token = (await call('POST', '/api/v1/auth/login', null, { email: OWNER.email, password: OWNER.password })).accessToken;
  s.appId = (await call('POST', `/api/v1/orgs/${s.orgId}/apps`, s.token, { name: APP_NAME })).appId;
  const host = await call('POST', `/api/v1/orgs/${s.orgId}/host-apps`, s.token, {
    name: 'Cases Host', bundleIds: [{ platform: 'android', id: 'com.cases.host' }],
  });
  await call('PUT', `/api/v1/host-apps/${host.id}/apps/${s.appId}`, s.token);
  s.host = { sdkKey: host.sdkKey, sdkSecret: host.sdkSecret, bundleId: 'com.cases.host' };
});

after(async () => {
  await browser?.close();
  await cove?.stop();
});

describe('reports, takedown and appeal', () => {
  test('upload, submit, a reviewer claims and approves, the organisation releases', async () => {
    const zip = makeZip({
      'app.json': JSON.stringify({ pages: ['pages/index/index'], window: { navigationBarTitleText: APP_NAME } }),
      'pages/index/index.js': 'Page({ data: { balance: 0 } });\n',
    });
    await call('PUT', `/api/v1/apps/${s.appId}/versions/1.0.0/package`, s.token, zip, 'application/zip');
    const submitted = await call('POST', `/api/v1/apps/${s.appId}/versions/1.0.0/submit`, s.token, { notes: 'first' });
    assert.equal(submitted.status, 'in_review');
    await call('POST', `/api/v1/platform/reviews/${submitted.reviewId}/claim`, s.admin, {});
    await call('POST', `/api/v1/platform/reviews/${submitted.reviewId}/approve`, s.admin, {});
    await call('POST', `/api/v1/apps/${s.appId}/versions/1.0.0/release`, s.token);
    const res = await runtimeStatus(200);
    assert.equal(res.status, 200);
    assert.equal((await res.json()).version, '1.0.0');
  });

  test('an end user reports it through the host app', async () => {
    const res = await signedRuntimePost(cove.url, `/runtime/v1/apps/${s.appId}/reports`, s.host, {
      category: 'fraud', text: '要求输入助记词', uid: 'user-42', screenshots: [PNG.toString('base64')],
    });
    assert.equal(res.status, 202, await res.clone().text());
    assert.ok((await res.json()).reportId);
  });

  test('an operator opens the case in 举报处理 and takes the mini-program down', async () => {
    const page = await signedInPage(ADMIN, /\/ops/);
    s.ops = page;
    await page.goto(`${cove.url}/ops/cases`);
    const row = page.locator('[data-test=case-list] .el-table__row', { hasText: APP_NAME });
    await row.waitFor();
    assert.equal((await row.locator('[data-test=case-count]').innerText()).trim(), '1');
    await shot(page, '01-cases');
    await row.locator('[data-test=case-link]').click();
    const drawer = page.locator('[data-test=case-detail]');
    await drawer.locator('[data-test=case-reports]').getByText('要求输入助记词').waitFor();
    assert.match(await drawer.locator('[data-test=case-reports]').innerText(), /user-42/);
    await shot(page, '02-case-drawer');
    await drawer.locator('[data-test=case-takedown]').click();
    await confirmBox(page, APP_NAME, '诱导用户泄露助记词');
    await drawer.locator('[data-test=case-resolution]').getByText('诱导用户泄露助记词').waitFor();
    await drawer.locator('[data-status=taken_down]').first().waitFor();
    const res = await runtimeStatus(404);
    assert.equal((await res.json()).code, 'runtime.app_offline');
  });

  test('the organisation reads the reason in 违规处理 and appeals with a screenshot', async () => {
    const page = await signedInPage(OWNER, /\/o\/org_/);
    await page.goto(`${cove.url}/o/${s.orgId}/cases`);
    const row = page.locator('[data-test=org-case-list] .el-table__row', { hasText: APP_NAME });
    await row.locator('[data-status=taken_down]').waitFor();
    await row.locator('[data-test=org-case-link]').click();
    const drawer = page.locator('[data-test=org-case-detail]');
    assert.match(await drawer.locator('[data-test=org-case-reason]').innerText(), /诱导用户泄露助记词/);
    await shot(page, '03-org-case');
    await drawer.locator('[data-test=org-case-appeal]').click();
    const dialog = page.locator('[data-test=appeal-dialog]');
    await dialog.waitFor();
    await page.fill('[data-test=appeal-text]', '已删除助记词输入页，见截图');
    const file = join(ARTIFACTS, 'cases', 'fix.png');
    writeFileSync(file, Buffer.concat([PNG, Buffer.from(' after the fix')]));
    await page.setInputFiles('[data-test=appeal-files]', file);
    await dialog.getByText('fix.png').waitFor();
    await shot(page, '04-appeal-dialog');
    await page.click('[data-test=appeal-submit]');
    await dialog.waitFor({ state: 'hidden' });
    await drawer.locator('[data-test=org-case-appeal-item] [data-status=pending]').waitFor();
    // Once per takedown: the button is gone.
    assert.equal(await drawer.locator('[data-test=org-case-appeal]').count(), 0);
  });

  test('the operator restores it; the runtime serves it again', async () => {
    const page = s.ops;
    await page.goto(`${cove.url}/ops/cases?status=taken_down`);
    const row = page.locator('[data-test=case-list] .el-table__row', { hasText: APP_NAME });
    await row.locator('[data-test=case-link]').click();
    const drawer = page.locator('[data-test=case-detail]');
    await drawer.locator('[data-test=case-appeal]').getByText('已删除助记词输入页').waitFor();
    await drawer.locator('[data-test=case-appeal]').getByText('fix.png').waitFor();
    await shot(page, '05-appeal-to-decide');
    await drawer.locator('[data-test=case-restore]').click();
    await confirmBox(page, APP_NAME, '整改完成');
    await drawer.locator('[data-test=case-appeal] [data-status=restored]').waitFor();
    const res = await runtimeStatus(200);
    assert.equal(res.status, 200);
    assert.equal((await res.json()).version, '1.0.0');
    await shot(page, '06-restored');
  });

  test('an operator files a report in the console; the restored case opens again', async () => {
    const page = s.ops;
    await page.goto(`${cove.url}/ops/cases?status=restored`);
    const row = page.locator('[data-test=case-list] .el-table__row', { hasText: APP_NAME });
    await row.waitFor();
    const before = Number((await row.locator('[data-test=case-count]').innerText()).trim());
    await page.locator('[data-test=file-report]').click();
    await page.locator('[data-test=report-app]').fill(s.appId);
    await page.locator('[data-test=report-text]').fill('恢复后仍有诱导转账的页面');
    await shot(page, '07-file-report');
    await page.locator('[data-test=report-submit]').click();
    await page.locator('[data-test=report-submit]').waitFor({ state: 'detached' });
    await page.goto(`${cove.url}/ops/cases?status=open`);
    const again = page.locator('[data-test=case-list] .el-table__row', { hasText: APP_NAME });
    await again.locator('[data-status=open]').waitFor();
    assert.equal(Number((await again.locator('[data-test=case-count]').innerText()).trim()), before + 1);
  });
});
