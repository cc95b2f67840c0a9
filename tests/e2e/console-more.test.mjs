// The rest of the console's screens, end to end: a mini-program's privacy declaration and Web3
// information, a host app's custom APIs and menus granted to an associated mini-program (and the
// signed runtime answer carrying the grant), a member created directly with an initial password,
// the dashboard's recent releases, and in the operations console base-library versions, an
// organisation's quota override and imposed 2FA. State is set up through the API.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startCove } from './lib/server.mjs';
import { apiCall, confirmBox, screenshot } from './lib/ui.mjs';
import { miniProgramZip } from './lib/zip.mjs';
import { signedRuntimeGet } from './lib/auth.mjs';
import { approveVersion } from './lib/review.mjs';

const ARTIFACTS = process.env.COVE_E2E_ARTIFACTS ?? join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, 'artifacts');
const BINARY = process.env.COVE_BINARY;
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ADMIN = { email: 'more-admin@example.com', password: 'Operator-Passw0rd-more' };
const OWNER = { email: 'owner@more.example', password: 'Owner-Passw0rd-more', name: 'Mona More' };
const ORG_NAME = 'More Org';
const APP_NAME = 'Chain Wallet';
const HOST_NAME = 'More Host';

assert.ok(BINARY, 'set COVE_BINARY to the cove binary (tests/e2e/run.sh does)');
mkdirSync(ARTIFACTS, { recursive: true });

let cove;
let browser;
const shot = (page, name) => screenshot(page, ARTIFACTS, name);
const call = (...args) => apiCall(cove.url, ...args);
const s = {};
const pageErrors = [];

/** Waits for the success toast (Element Plus ElMessage) and lets it go. */
async function success(page) {
  await page.locator('.el-message--success').last().waitFor();
}

async function signedInPage({ email, password }, landing) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await page.goto(`${cove.url}/sign-in`);
  await page.fill('[data-test=email]', email);
  await page.fill('[data-test=password]', password);
  await page.click('[data-test=sign-in-submit]');
  await page.waitForURL(landing);
  return page;
}

before(async () => {
  cove = await startCove({ binary: BINARY, adminEmail: ADMIN.email, adminPassword: ADMIN.password, artifacts: join(ARTIFACTS, 'more') });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  s.admin = (await call('POST', '/api/v1/auth/login', null, ADMIN)).accessToken;
  const org = await call('POST', '/api/v1/orgs/register', null, {
    name: ORG_NAME, licenseNo: 'MORE-2026-001', contactName: 'Mona', contactEmail: 'mona@more.example',
    contactPhone: '+86 21 5555 0202', owner: OWNER,
  });
  s.orgId = org.id;
  await call('POST', `/api/v1/platform/orgs/${s.orgId}/approve`, s.admin);
  s.token = (await call('POST', '/api/v1/auth/login', null, { email: OWNER.email, password: OWNER.password })).accessToken;
  s.appId = (await call('POST', `/api/v1/orgs/${s.orgId}/apps`, s.token, { name: APP_NAME })).appId;
  await call('PUT', `/api/v1/apps/${s.appId}/versions/1.0.0/package`, s.token, miniProgramZip(APP_NAME, 32 * 1024), 'application/zip');
  await call('PATCH', `/api/v1/apps/${s.appId}/versions/1.0.0`, s.token, { changelog: 'First release' });
  await approveVersion(cove.url, s.token, s.admin, s.appId, '1.0.0');
  await call('POST', `/api/v1/apps/${s.appId}/versions/1.0.0/release`, s.token);
  const host = await call('POST', `/api/v1/orgs/${s.orgId}/host-apps`, s.token, {
    name: HOST_NAME, bundleIds: [{ platform: 'ios', id: 'com.more.host' }],
  });
  s.hostId = host.id;
  await call('PUT', `/api/v1/host-apps/${host.id}/apps/${s.appId}`, s.token);
  s.host = { sdkKey: host.sdkKey, sdkSecret: host.sdkSecret, bundleId: 'com.more.host' };
});

after(async () => {
  await browser?.close();
  await cove?.stop();
});

describe('organisation console: the remaining screens', () => {
  let page;
  before(async () => {
    page = await signedInPage(OWNER, new RegExp(`/o/${s.orgId}`));
  });

  test('the privacy tab saves a declaration', async () => {
    await page.goto(`${cove.url}/o/${s.orgId}/apps/${s.appId}?tab=privacy`);
    const tab = page.locator('[data-test=privacy-tab]');
    await tab.waitFor();
    await tab.locator('[data-test=privacy-policy-url]').fill('https://more.example/privacy');
    await tab.locator('[data-test=privacy-add]').click(); // the first kind not declared yet: userInfo
    await tab.locator('[data-test=privacy-item-0] [data-test=privacy-purpose]').fill('Show the wallet owner');
    await tab.locator('[data-test=privacy-add]').click(); // then phoneNumber
    await tab.locator('[data-test=privacy-item-1] [data-test=privacy-purpose]').fill('Two-step login');
    await tab.locator('[data-test=privacy-save]').click();
    await success(page);
    const app = await call('GET', `/api/v1/apps/${s.appId}`, s.token);
    assert.equal(app.privacy.policyUrl, 'https://more.example/privacy');
    assert.deepEqual(app.privacy.items, [
      { dataType: 'userInfo', purpose: 'Show the wallet owner' },
      { dataType: 'phoneNumber', purpose: 'Two-step login' },
    ]);
    await shot(page, 'more-01-privacy');
  });

  test('the Web3 tab adds a contract and uploads the audit certificate', async () => {
    await page.goto(`${cove.url}/o/${s.orgId}/apps/${s.appId}?tab=web3`);
    const tab = page.locator('[data-test=web3-tab]');
    await tab.waitFor();
    await tab.locator('[data-test=web3-repo]').fill('https://github.com/more/contracts');
    await tab.locator('[data-test=web3-rating]').fill('AA (Example Audit Ltd)');
    await tab.locator('[data-test=contract-add]').click();
    const row = tab.locator('[data-test=web3-contracts] .el-table__body-wrapper .el-table__row').last();
    await row.locator('[data-test=contract-chain]').fill('ethereum');
    await row.locator('[data-test=contract-address]').fill('0x52908400098527886E0F7030069857D2E4169EE7');
    await row.locator('[data-test=contract-name]').fill('Vault');
    await tab.locator('[data-test=web3-save]').click();
    await success(page);
    await tab.locator('[data-test=web3-cert-file]').setInputFiles({ name: 'audit.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% audit\n') });
    await tab.locator('[data-test=web3-cert-name]', { hasText: 'audit.pdf' }).waitFor();
    const app = await call('GET', `/api/v1/apps/${s.appId}`, s.token);
    assert.equal(app.repositoryUrl, 'https://github.com/more/contracts');
    assert.equal(app.securityRating, 'AA (Example Audit Ltd)');
    assert.deepEqual(app.contracts, [{ chain: 'ethereum', address: '0x52908400098527886E0F7030069857D2E4169EE7', name: 'Vault' }]);
    assert.equal(app.auditCertificate?.name, 'audit.pdf');
    await shot(page, 'more-02-web3');
  });

  test('a host app defines a custom API and menu and grants them to its mini-program', async () => {
    await page.goto(`${cove.url}/o/${s.orgId}/host-apps`);
    await page.locator(`[data-test="defs-${HOST_NAME}"]`).click();
    const defs = page.locator('[data-test=defs-dialog]');
    await defs.waitFor();
    await defs.locator('[data-test=api-add]').click();
    await defs.locator('[data-test=api-name]').fill('getUserWallet');
    await defs.locator('[data-test=api-description]').fill('The signed-in user’s wallet');
    await defs.locator('[data-test=menu-add]').click();
    await defs.locator('[data-test=menu-id]').fill('share_to_chat');
    await defs.locator('[data-test=menu-title]').fill('Share to chat');
    await defs.locator('[data-test=defs-save]').click();
    await defs.waitFor({ state: 'hidden' });

    await page.locator('[data-test=host-app-table] .el-table__row', { hasText: HOST_NAME }).locator('.el-table__expand-icon').click();
    const panel = page.locator(`[data-test="assoc-panel-${HOST_NAME}"]`);
    await panel.locator(`[data-test="grant-${APP_NAME}"]`).click();
    const grants = page.locator('[data-test=grants-dialog]');
    await grants.waitFor();
    await grants.locator('[data-test=grant-apis] .el-checkbox', { hasText: 'getUserWallet' }).click();
    await shot(page, 'more-03-grants-dialog');
    await grants.locator('[data-test=grants-save]').click();
    await grants.waitFor({ state: 'hidden' });
    await panel.locator(`[data-test="grants-${APP_NAME}"]`, { hasText: 'getUserWallet' }).waitFor();

    const assoc = await call('GET', `/api/v1/host-apps/${s.hostId}/apps`, s.token);
    assert.deepEqual(assoc.items[0].allowedApis, ['getUserWallet']);
    assert.deepEqual(assoc.items[0].allowedMenus, []);
    // The runtime hands the grant to the host app with the released version.
    const res = await signedRuntimeGet(cove.url, `/runtime/v1/apps/${s.appId}?platform=ios&osVersion=17.4`, s.host);
    assert.equal(res.status, 200);
    const runtime = await res.json();
    assert.deepEqual(runtime.allowedApis, ['getUserWallet']);
    assert.equal(runtime.privacy.items.length, 2);
    await shot(page, 'more-04-host-app-grants');
  });

  test('the mini-program’s host-apps tab grants the host app’s menu item', async () => {
    await page.goto(`${cove.url}/o/${s.orgId}/apps/${s.appId}?tab=host-apps`);
    await page.locator(`[data-test="app-grant-${HOST_NAME}"]`).click();
    const grants = page.locator('[data-test=grants-dialog]');
    await grants.waitFor();
    await grants.locator('[data-test=grant-menus] .el-checkbox', { hasText: 'Share to chat' }).click();
    await grants.locator('[data-test=grants-save]').click();
    await grants.waitFor({ state: 'hidden' });
    await page.locator(`[data-test="app-grants-${HOST_NAME}"]`, { hasText: 'Share to chat' }).waitFor();
    const assoc = await call('GET', `/api/v1/host-apps/${s.hostId}/apps`, s.token);
    assert.deepEqual(assoc.items[0].allowedApis, ['getUserWallet']);
    assert.deepEqual(assoc.items[0].allowedMenus, ['share_to_chat']);
    await shot(page, 'more-05-app-host-app-grants');
  });

  test('an owner adds a member directly with a generated initial password', async () => {
    await page.goto(`${cove.url}/o/${s.orgId}/members`);
    await page.click('[data-test=create-member]');
    const dialog = page.locator('[data-test=create-member-dialog]');
    await dialog.waitFor();
    await dialog.locator('[data-test=member-name]').fill('Dora Direct');
    await dialog.locator('[data-test=member-email]').fill('dora@more.example');
    await dialog.locator('[data-test=member-generate]').click();
    await shot(page, 'more-06-create-member');
    await dialog.locator('[data-test=create-member-submit]').click();
    const secret = page.locator('[data-test=secret-dialog]');
    await secret.waitFor();
    const password = (await secret.locator('[data-test=secret-value]').innerText()).trim();
    assert.ok(password.length >= 12, password);
    await secret.locator('[data-test=secret-done]').click();
    await page.locator('[data-test=member-table] .el-table__row', { hasText: 'dora@more.example' }).waitFor();
    // The member signs in with it and must change it first.
    const grant = await call('POST', '/api/v1/auth/login', null, { email: 'dora@more.example', password });
    const me = await call('GET', '/api/v1/me', grant.accessToken);
    assert.equal(me.restriction, 'auth.password_change_required');
  });

  test('the dashboard lists recent releases', async () => {
    await page.goto(`${cove.url}/o/${s.orgId}`);
    const card = page.locator('[data-test=recent-releases]');
    await card.locator('.el-table__row', { hasText: APP_NAME }).waitFor();
    assert.match(await card.innerText(), /1\.0\.0/);
    assert.match(await card.innerText(), /First release/);
    await shot(page, 'more-07-dashboard-releases');
  });

  test('at a 768 px tablet width the Web3 tab and the host apps still fit', async () => {
    await page.setViewportSize({ width: 768, height: 1024 });
    for (const [path, ready, name] of [
      [`/o/${s.orgId}/apps/${s.appId}?tab=web3`, '[data-test=web3-tab]', 'more-10-tablet-web3'],
      [`/o/${s.orgId}/host-apps`, '[data-test=host-app-table]', 'more-11-tablet-host-apps'],
    ]) {
      await page.goto(cove.url + path);
      await page.locator(ready).waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${path} is ${overflow}px wider than the viewport`);
      await shot(page, name);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});

describe('operations console: base libraries, quotas and 2FA', () => {
  let page;
  before(async () => {
    page = await signedInPage(ADMIN, /\/ops(\/|$)/);
  });

  test('an operator adds a base-library version', async () => {
    await page.goto(`${cove.url}/ops/base-libraries`);
    await page.click('[data-test=create-base-library]');
    const dialog = page.locator('[data-test=base-library-dialog]');
    await dialog.waitFor();
    await dialog.locator('[data-test=base-library-version]').fill('3.2.0');
    await dialog.locator('[data-test=base-library-notes]').fill('Adds wallet APIs');
    await dialog.locator('[data-test=base-library-save]').click();
    await dialog.waitFor({ state: 'hidden' });
    await page.locator('[data-test=base-library-table] .el-table__row', { hasText: '3.2.0' }).waitFor();
    const libs = await call('GET', '/api/v1/base-libraries', s.admin);
    assert.ok(libs.items.some((b) => b.version === '3.2.0' && b.notes === 'Adds wallet APIs' && b.status === 'active'));
    await shot(page, 'more-08-base-libraries');
  });

  test('an operator overrides an organisation’s quota and imposes 2FA', async () => {
    await page.goto(`${cove.url}/ops/orgs`);
    await page.locator('[data-test=org-status-filter] .el-radio-button').last().click(); // all statuses
    await page.locator('[data-test=org-table] .el-table__row', { hasText: ORG_NAME }).click();
    const drawer = page.locator('[data-test=org-detail]');
    const row = drawer.locator('[data-test=quota-row-maxApps]');
    await row.waitFor();
    await row.locator('.el-checkbox').click();
    const input = row.locator('.el-input-number input');
    await input.fill('3');
    await input.press('Tab');
    await drawer.locator('[data-test=org-quotas-save]').click();
    await success(page);
    const quotas = await call('GET', `/api/v1/platform/orgs/${s.orgId}/quotas`, s.admin);
    assert.equal(quotas.overrides.maxApps, 3);
    assert.equal(quotas.effective.maxApps, 3);
    assert.equal(quotas.overrides.maxMembers ?? null, null);

    await drawer.locator('[data-test=org-require-2fa]').click();
    await confirmBox(page, ORG_NAME);
    await drawer.locator('[data-test=org-require-2fa].is-checked').waitFor();
    const org = await call('GET', `/api/v1/platform/orgs/${s.orgId}`, s.admin);
    assert.equal(org.require2fa, true);
    assert.ok(org.require2faImposedAt);
    await shot(page, 'more-09-org-policies');
    assert.deepEqual(pageErrors, []);
    writeFileSync(join(ARTIFACTS, 'more-ok.txt'), 'console-more e2e passed\n');
  });
});
