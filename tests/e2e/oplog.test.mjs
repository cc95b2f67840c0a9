// The operation log read in the console (issue 14 "Operation log readable") and the last pieces of
// the console polish (issue 13): the operators' 操作日志 with filters, details, CSV export and the
// chain check; an organisation's own log and a mini-program's 操作记录 tab; a rejected
// organisation correcting its data and resubmitting; a date-range filter kept in the URL.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startCove } from './lib/server.mjs';
import { apiCall, screenshot, signInPage } from './lib/ui.mjs';

const ARTIFACTS = join(process.env.COVE_E2E_ARTIFACTS ?? join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, 'artifacts'), 'oplog');
const BINARY = process.env.COVE_BINARY;
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ADMIN = { email: 'oplog-admin@example.com', password: 'Operator-Passw0rd-oplog' };
const OWNER = { email: 'owner@oplog.example', password: 'Owner-Passw0rd-1' };
const REJECTED = { email: 'owner@rejected.example', password: 'Owner-Passw0rd-2' };

assert.ok(BINARY, 'set COVE_BINARY to the cove binary (tests/e2e/run.sh does)');
mkdirSync(ARTIFACTS, { recursive: true });

let cove;
let browser;
const pageErrors = [];
const w = {};
const call = (...args) => apiCall(cove.url, ...args);
const shot = (page, name) => screenshot(page, ARTIFACTS, name);
const login = async (u) => (await call('POST', '/api/v1/auth/login', null, u)).accessToken;

function registration(name, license, owner) {
  return { name, licenseNo: license, contactName: 'Li Lei', contactEmail: 'contact@oplog.example', contactPhone: '+86 21 5555 0101',
    owner: { email: owner.email, password: owner.password, name: 'Li Lei' } };
}

const signedIn = (user, opts = {}) => signInPage(browser, cove.url, user, { pageErrors, downloads: true, ...opts });

async function rows(page) {
  await page.locator('[data-test=oplog-table] .el-table__row, [data-test=list-empty]').first().waitFor();
  await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => {});
  return page.locator('[data-test=oplog-table] .el-table__row');
}

before(async () => {
  cove = await startCove({ binary: BINARY, adminEmail: ADMIN.email, adminPassword: ADMIN.password, artifacts: ARTIFACTS });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  w.admin = await login(ADMIN);
  const org = await call('POST', '/api/v1/orgs/register', null, registration('Oplog Org', 'LIC-OPLOG-1', OWNER));
  w.orgId = org.id;
  await call('POST', `/api/v1/platform/orgs/${org.id}/approve`, w.admin, {});
  w.owner = await login(OWNER);
  const app = await call('POST', `/api/v1/orgs/${org.id}/apps`, w.owner, { name: '日志天气', category: 'tools' });
  w.appId = app.appId;
  await call('PATCH', `/api/v1/apps/${app.appId}`, w.owner, { description: '第二次修改' });
  // A wrong password: a failure entry of no organisation.
  const wrong = await fetch(`${cove.url}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: OWNER.email, password: 'wrong-password' }) });
  assert.equal(wrong.status, 401);
  const rejected = await call('POST', '/api/v1/orgs/register', null, registration('Rejected Org', 'LIC-WRONG', REJECTED));
  w.rejectedId = rejected.id;
  await call('POST', `/api/v1/platform/orgs/${rejected.id}/reject`, w.admin, { reason: '营业执照号与扫描件不一致' });
});

after(async () => {
  await browser?.close();
  await cove?.stop();
});

test('the operators read the whole log: filters, details, CSV export and the chain check', async () => {
  const page = await signedIn(ADMIN);
  await page.click('[data-test=nav-ops-operation-log]');
  await page.waitForURL('**/ops/operation-log');
  let list = await rows(page);
  assert.ok((await list.count()) >= 5, 'the log lists the setup entries');
  assert.match(await page.locator('[data-test=pagination]').innerText(), /共 \d+ 条/);
  assert.equal(await page.title().then((t) => t.includes('操作日志')), true);

  // Only failures: the wrong password, labelled in Chinese, kept in the URL across a reload.
  await page.locator('[data-test=oplog-result]').click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: '失败' }).click();
  await page.waitForURL(/result=failure/);
  list = await rows(page);
  assert.ok((await list.count()) >= 1);
  assert.match(await list.first().innerText(), /登录失败/);
  await page.reload();
  list = await rows(page);
  assert.match(await list.first().innerText(), /登录失败/);

  // Details: before/after of the mini-program edit (an action family filter).
  await page.goto(`${cove.url}/ops/operation-log?action=app.updated`);
  list = await rows(page);
  assert.equal(await list.count(), 1);
  await list.first().click();
  const drawer = page.locator('[data-test=oplog-detail]');
  await drawer.waitFor();
  assert.match(await drawer.locator('[data-test=oplog-after]').innerText(), /第二次修改/);
  await shot(page, '01-ops-oplog-detail');
  await page.keyboard.press('Escape');

  // Export: a CSV with a BOM, the header and the one matching entry.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=oplog-export]').click()]);
  const csv = readFileSync(await download.path(), 'utf8');
  assert.ok(csv.startsWith('\uFEFFid,time,actorKind'));
  assert.equal(csv.trim().split('\r\n').length, 2);
  assert.match(csv, /app\.updated,success,app,/);

  // The chain check.
  await page.goto(`${cove.url}/ops/operation-log`);
  await rows(page);
  await page.locator('[data-test=oplog-verify]').click();
  await page.locator('.el-message', { hasText: '哈希链完整' }).waitFor();
  await shot(page, '02-ops-oplog');
});

test('an owner reads the organisation log and a mini-program history tab', async () => {
  const page = await signedIn(OWNER);
  await page.goto(`${cove.url}/o/${w.orgId}/operation-log`);
  const list = await rows(page);
  const text = await page.locator('[data-test=oplog-table]').innerText();
  assert.match(text, /创建小程序/);
  assert.doesNotMatch(text, /登录失败/, 'the failed sign-in has no organisation: not in the org log');
  assert.ok((await list.count()) >= 2);

  await page.goto(`${cove.url}/o/${w.orgId}/apps/${w.appId}`);
  await page.locator('.el-tabs__item', { hasText: '操作记录' }).click();
  const history = page.locator('#pane-history [data-test=oplog-table] .el-table__row');
  await history.first().waitFor();
  assert.equal(await history.count(), 2);
  assert.match(await history.nth(0).innerText(), /修改小程序/);
  assert.match(await history.nth(1).innerText(), /创建小程序/);
  await shot(page, '03-app-history');
});

test('a rejected organisation corrects its licence number and resubmits', async () => {
  const page = await signedIn(REJECTED);
  const form = page.locator('[data-test=resubmit-form]');
  await form.waitFor();
  assert.match(await page.locator('[data-test=org-status-page]').innerText(), /营业执照号与扫描件不一致/);
  await page.fill('[data-test=resubmit-license]', 'bad number!');
  await page.click('[data-test=resubmit-submit]');
  await form.locator('.el-form-item__error').first().waitFor();
  await page.fill('[data-test=resubmit-license]', 'LIC-RIGHT');
  await page.click('[data-test=resubmit-submit]');
  await page.locator('.el-message', { hasText: '已重新提交' }).waitFor();
  await page.locator('[data-test=org-status-page] .el-steps').waitFor();
  const org = await call('GET', `/api/v1/platform/orgs/${w.rejectedId}`, w.admin);
  assert.equal(org.status, 'pending');
  assert.equal(org.licenseNo, 'LIC-RIGHT');
  await shot(page, '04-resubmitted');
});

test('a date range narrows a list, its total too, and survives a reload', async () => {
  const page = await signedIn(ADMIN);
  await page.goto(`${cove.url}/ops/orgs?status=`);
  await page.locator('[data-test=org-table] .el-table__row').first().waitFor();
  // Today's range: every organisation was registered today.
  await page.locator('[data-test=date-range] .el-date-editor').first().click();
  await page.locator('.el-picker-panel__shortcut', { hasText: '今天' }).click();
  await page.waitForURL(/from=\d{4}-\d{2}-\d{2}/);
  await page.locator('[data-test=org-table] .el-table__row').first().waitFor();
  assert.match(await page.locator('[data-test=pagination]').innerText(), /共 2 条/);
  // A range in the past: nothing, and the empty state says so.
  await page.goto(`${cove.url}/ops/orgs?status=&from=2001-01-01&to=2001-01-31`);
  await page.locator('[data-test=list-empty]').waitFor();
  await page.reload();
  await page.locator('[data-test=list-empty]').waitFor();
  const inputs = page.locator('[data-test=date-range] input');
  assert.equal(await inputs.first().inputValue(), '2001-01-01');
  await page.locator('[data-test=filter-reset]').click();
  await page.locator('[data-test=org-table] .el-table__row').first().waitFor();
  assert.doesNotMatch(page.url(), /from=/);
  assert.deepEqual(pageErrors, []);
});
