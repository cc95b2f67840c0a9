// Search in the consoles (issue 18): the header's search box finds an organisation's own
// mini-programs by Hanzi, pinyin and initials as the user types, grouped, with the keyboard
// (↓ Enter opens the detail page); operators search every organisation's, see the index's state
// and rebuild it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startCove } from './lib/server.mjs';
import { apiCall, screenshot, signInPage } from './lib/ui.mjs';

const ARTIFACTS = join(process.env.COVE_E2E_ARTIFACTS ?? join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, 'artifacts'), 'search');
const BINARY = process.env.COVE_BINARY;
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ADMIN = { email: 'search-admin@example.com', password: 'Operator-Passw0rd-search' };
const OWNER = { email: 'owner@search.example', password: 'Owner-Passw0rd-1' };
const OTHER = { email: 'owner@other-search.example', password: 'Owner-Passw0rd-2' };

assert.ok(BINARY, 'set COVE_BINARY to the cove binary (tests/e2e/run.sh does)');
mkdirSync(ARTIFACTS, { recursive: true });

let cove;
let browser;
const pageErrors = [];
const w = {};
const call = (...args) => apiCall(cove.url, ...args);
const shot = (page, name) => screenshot(page, ARTIFACTS, name);
const login = async (u) => (await call('POST', '/api/v1/auth/login', null, u)).accessToken;
const signedIn = (user, opts = {}) => signInPage(browser, cove.url, user, { pageErrors, ...opts });

function registration(name, license, owner) {
  return { name, licenseNo: license, contactName: 'Han Mei', contactEmail: `contact@${license}.example`, contactPhone: '+86 21 5555 0102',
    owner: { email: owner.email, password: owner.password, name: 'Han Mei' } };
}

async function results(page) {
  await page.locator('[data-test=search-hit], [data-test=search-empty]').first().waitFor();
  return page.locator('[data-test=search-hit]');
}

before(async () => {
  cove = await startCove({ binary: BINARY, adminEmail: ADMIN.email, adminPassword: ADMIN.password, artifacts: ARTIFACTS });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  w.admin = await login(ADMIN);
  const org = await call('POST', '/api/v1/orgs/register', null, registration('搜索科技', 'LIC-SEARCH-1', OWNER));
  await call('POST', `/api/v1/platform/orgs/${org.id}/approve`, w.admin, {});
  w.orgId = org.id;
  w.owner = await login(OWNER);
  for (const [name, summary] of [['微信支付助手', '扫码付款与转账'], ['电子钱包', '管理数字资产'], ['天气预报', '十五天天气']]) {
    const app = await call('POST', `/api/v1/orgs/${org.id}/apps`, w.owner, { name, summary });
    w[name] = app.appId;
  }
  const other = await call('POST', '/api/v1/orgs/register', null, registration('别家公司', 'LIC-SEARCH-2', OTHER));
  await call('POST', `/api/v1/platform/orgs/${other.id}/approve`, w.admin, {});
  w.other = await login(OTHER);
  await call('POST', `/api/v1/orgs/${other.id}/apps`, w.other, { name: '微信读书' });
});

after(async () => {
  await browser?.close();
  await cove?.stop();
});

test('an organisation searches its own mini-programs from the header, by pinyin, with the keyboard', async () => {
  const page = await signedIn(OWNER);
  const box = page.locator('input[data-test=header-search]');
  await box.click();
  await box.fill('wx');
  let hits = await results(page);
  await page.waitForFunction(() => document.querySelectorAll('[data-test=search-hit]').length === 1);
  assert.equal(await hits.count(), 1, 'another organisation’s 微信读书 is not found');
  assert.match(await hits.first().innerText(), /微信支付助手/);
  await shot(page, 'org-search');

  // Traditional characters find the simplified name; ↓ Enter opens it.
  await box.fill('錢包');
  await page.waitForFunction(() => [...document.querySelectorAll('[data-test=search-hit]')].some((e) => e.textContent.includes('电子钱包')));
  hits = await results(page);
  assert.equal(await hits.first().locator('em').first().innerText(), '钱包');
  await box.press('ArrowDown');
  await box.press('ArrowUp');
  await box.press('Enter');
  await page.waitForURL(`**/o/${w.orgId}/apps/${w['电子钱包']}`);

  // Nothing to search for: the server's reason, in Chinese.
  await box.click();
  await box.fill('!!!');
  await page.locator('[data-test=search-error]').waitFor();
  assert.match(await page.locator('[data-test=search-error]').innerText(), /请输入文字/);
  assert.deepEqual(pageErrors, []);
  await page.close();
});

test('operators search every organisation, grouped, and rebuild the index', async () => {
  const page = await signedIn(ADMIN);
  const box = page.locator('input[data-test=header-search]');
  await box.click();
  await box.fill('weixin');
  await page.waitForFunction(() => document.querySelectorAll('[data-test=search-hit]').length === 2);
  const text = await page.locator('[data-test=search-results]').innerText();
  assert.match(text, /机构：搜索科技/);
  assert.match(text, /机构：别家公司/);
  assert.match(await page.locator('[data-test=search-index]').innerText(), /4 个小程序已建立索引/);
  await shot(page, 'ops-search');
  await page.locator('[data-test=search-reindex]').click();
  await page.locator('.el-message-box__btns .el-button--primary').click();
  await page.locator('.el-message', { hasText: '已开始重建搜索索引' }).waitFor();
  const status = await call('GET', '/api/v1/platform/search/status', w.admin);
  assert.equal(status.format, 1);
  assert.deepEqual(pageErrors, []);
  await page.close();
});
