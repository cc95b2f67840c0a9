// The console end to end: playwright-core drives Debian's chromium (headless) against the real
// cove binary (COVE_BINARY) with a fresh data directory. Tests run in order and share state: the
// story goes from the first operator's sign-in to a mini-program taken down.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startCove } from './lib/server.mjs';
import { apiCall, confirmBox, loadTimings, screenshot } from './lib/ui.mjs';
import { allowSelfRelease } from './lib/review.mjs';
import { miniProgramZip } from './lib/zip.mjs';
import { signedRuntimeGet, totp } from './lib/auth.mjs';

const ARTIFACTS = process.env.COVE_E2E_ARTIFACTS ?? join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, 'artifacts');
const BINARY = process.env.COVE_BINARY;
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ADMIN = { email: 'admin@example.com', password: 'Operator-Passw0rd-e2e' };
const OWNER = { email: 'owner@acme.example', password: 'Owner-Passw0rd-e2e', name: 'Olivia Owner' };
const ORG = { name: 'Acme Mini Apps', licenseNo: 'ACME-2026-001' };
const APP_NAME = 'Acme Wallet';
const HOST = { name: 'Acme Super App', bundleId: 'com.acme.superapp' };
// A 1×1 PNG: the icon and the licence scan (the server checks the magic bytes).
const PIXEL_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

assert.ok(BINARY, 'set COVE_BINARY to the cove binary (tests/e2e/run.sh does)');
mkdirSync(ARTIFACTS, { recursive: true });

let cove;
let browser;
const shot = (page, name) => screenshot(page, ARTIFACTS, name);
const metrics = {};
const state = {};

async function newPage({ width = 1280, height = 860, locale = 'zh-CN' } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, locale });
  const page = await context.newPage();
  page.on('pageerror', (e) => {
    state.pageErrors = [...(state.pageErrors ?? []), String(e)];
  });
  return page;
}

async function signIn(page, { email, password }) {
  await page.goto(`${cove.url}/sign-in`);
  await page.fill('[data-test=email]', email);
  await page.fill('[data-test=password]', password);
  await page.click('[data-test=sign-in-submit]');
}

async function apiLogin({ email, password }) {
  const res = await fetch(`${cove.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  assert.equal(res.status, 200, await res.clone().text());
  return (await res.json()).accessToken;
}

before(async () => {
  cove = await startCove({ binary: BINARY, adminEmail: ADMIN.email, adminPassword: ADMIN.password, artifacts: ARTIFACTS });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
});

after(async () => {
  writeFileSync(join(ARTIFACTS, 'metrics.json'), `${JSON.stringify(metrics, null, 2)}\n`);
  await browser?.close();
  await cove?.stop();
});

describe('console', () => {
  test('the sign-in page renders in Chinese by default, with the platform branding', async () => {
    const page = await newPage();
    const res = await page.goto(`${cove.url}/`);
    assert.equal(res.status(), 200);
    const csp = res.headers()['content-security-policy'] ?? '';
    assert.match(csp, /script-src 'self'/);
    await page.waitForURL(/\/sign-in/);
    await page.locator('[data-test=sign-in-submit]').waitFor();
    // Recorded in metrics.json, never asserted: tests assert no speed (bench/console_paint.sh).
    metrics.signIn = { formVisibleMs: await page.evaluate(() => performance.now()), ...(await loadTimings(page)) };
    assert.equal(await page.locator('[data-test=product-name]').innerText(), 'Cove');
    assert.match(await page.locator('h1').innerText(), /登录/);
    await shot(page, '01-sign-in');
    await page.context().close();
  });

  test('a wrong password shows the server’s error in the form', async () => {
    const page = await newPage();
    await signIn(page, { email: ADMIN.email, password: 'not-the-password' });
    await page.locator('[data-test=sign-in-error]').waitFor();
    assert.match(await page.locator('[data-test=sign-in-error]').innerText(), /邮箱或密码不正确/);
    await page.context().close();
  });

  test('language switch: English is applied at once and persists across reloads', async () => {
    const page = await newPage();
    await page.goto(`${cove.url}/sign-in`);
    await page.click('[data-test=lang-switch]');
    await page.click('[data-test=lang-en-US]');
    await page.waitForFunction(() => document.querySelector('h1')?.textContent?.includes('Sign in'));
    await page.reload();
    await page.locator('[data-test=sign-in-submit]').waitFor();
    assert.match(await page.locator('h1').innerText(), /Sign in/);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en-US');
    await page.click('[data-test=lang-switch]');
    await page.click('[data-test=lang-zh-CN]');
    await page.waitForFunction(() => document.querySelector('h1')?.textContent?.includes('登录'));
    await page.context().close();
  });

  test('an organisation registers itself and sees its status page', async () => {
    const page = await newPage();
    await page.goto(`${cove.url}/sign-in`);
    await page.click('[data-test=register-link]');
    await page.waitForURL(/\/register/);
    // Submitting a weak password shows the server's field error next to the field.
    await page.fill('[data-test=reg-name]', ORG.name);
    await page.fill('[data-test=reg-license]', ORG.licenseNo);
    await page.fill('[data-test=reg-contact-name]', 'Alice Contact');
    await page.fill('[data-test=reg-contact-phone]', '+86 10 1234 5678');
    await page.fill('[data-test=reg-contact-email]', 'contact@acme.example');
    await page.fill('[data-test=reg-owner-name]', OWNER.name);
    await page.fill('[data-test=reg-owner-email]', OWNER.email);
    await page.fill('[data-test=reg-owner-password]', 'weak');
    await page.click('[data-test=reg-submit]');
    const fieldError = page.locator('.el-form-item.is-error .el-form-item__error');
    await fieldError.first().waitFor();
    await shot(page, '02-register-field-error');
    await page.fill('[data-test=reg-owner-password]', OWNER.password);
    await page.click('[data-test=reg-submit]');
    await page.locator('[data-test=register-submitted]').waitFor();
    assert.match(await page.locator('[data-test=register-submitted]').innerText(), new RegExp(ORG.name));
    await shot(page, '03-register-submitted');
    // Before approval the owner sees the pending status page and nothing else of the console.
    await signIn(page, OWNER);
    await page.locator('[data-test=org-status-page]').waitFor();
    assert.match(await page.locator('[data-test=org-status-page]').innerText(), /审核中/);
    // A pending organisation's members see its status and settings (to add the licence scan), not the apps.
    assert.doesNotMatch(await page.locator('[data-test=side-nav]').innerText(), /小程序|宿主 App|API 密钥/);
    await shot(page, '04-org-pending');
    await page.context().close();
  });

  test('the first operator signs in and approves the organisation from the review queue', async () => {
    const page = await newPage();
    state.operator = page;
    await signIn(page, ADMIN);
    // Operators land on their workbench; its pending-organisations card leads to the review queue.
    await page.waitForURL(/\/ops$/);
    await page.locator('[data-test=overview-pendingOrgs]').click();
    await page.waitForURL(/\/ops\/orgs/);
    const row = page.locator('[data-test=org-table] .el-table__row', { hasText: ORG.name });
    await row.waitFor();
    await shot(page, '05-ops-org-review');
    await row.locator('td').first().click();
    const drawer = page.locator('[data-test=org-detail]');
    await drawer.getByText(ORG.licenseNo).waitFor();
    await shot(page, '06-ops-org-detail');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    await row.locator('[data-test=approve]').click();
    await confirmBox(page, ORG.name);
    await row.waitFor({ state: 'detached' }); // the pending filter no longer lists it
    await page.locator('[data-test=org-status-filter]').getByText('正常').click();
    await page.locator('[data-test=org-table] .el-table__row', { hasText: ORG.name }).waitFor();
  });

  test('the owner creates a mini-program, uploads a package with progress, releases, compares and rolls back', async () => {
    const page = await newPage();
    state.owner = page;
    await signIn(page, OWNER);
    await page.waitForURL(/\/o\/org_[^/]+$/);
    state.orgId = /\/o\/(org_[^/]+)/.exec(page.url())[1];
    // This story releases from the versions tab straight away: a trusted organisation that needs no
    // review (review.test.mjs follows a version through review).
    const admin = (await apiCall(cove.url, 'POST', '/api/v1/auth/login', null, ADMIN)).accessToken;
    await allowSelfRelease(cove.url, admin, state.orgId);
    await page.locator('[data-test=stat-apps]').waitFor();
    await shot(page, '07-org-dashboard');
    await page.goto(`${cove.url}/o/${state.orgId}/apps`);
    await page.locator('[data-test=list-empty]').waitFor();
    await page.click('[data-test=create-app]');
    await page.fill('[data-test=app-name]', APP_NAME);
    await page.click('[data-test=app-create-submit]');
    await page.waitForURL(/\/apps\/app_/);
    state.appId = /\/apps\/(app_[^/?]+)/.exec(page.url())[1];
    await page.locator('[data-test=app-title]').getByText(APP_NAME).waitFor();
    await shot(page, '08-app-detail-info');

    await page.getByRole('tab', { name: '版本管理' }).click();
    await page.click('[data-test=upload-version]');
    const zipPath = join(ARTIFACTS, 'package.zip');
    writeFileSync(zipPath, miniProgramZip(APP_NAME));
    await page.fill('[data-test=version-input]', '1.0.0');
    await page.setInputFiles('[data-test=package-input]', zipPath);
    await page.fill('[data-test=changelog-input]', 'First release');
    // Slow the upload down (1 MB/s) so the progress bar is seen moving.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 1024 * 1024 });
    await page.click('[data-test=upload-submit]');
    const bar = page.locator('[data-test=upload-progress]');
    await bar.waitFor();
    await page.waitForFunction(() => {
      const v = Number(document.querySelector('[data-test=upload-progress]')?.getAttribute('aria-valuenow'));
      return v > 0 && v < 100;
    });
    await shot(page, '09-version-upload-progress');
    await page.locator('[data-test=upload-dialog]').waitFor({ state: 'hidden', timeout: 60_000 });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    const versionRow = page.locator('[data-test=version-table] .el-table__row', { hasText: '1.0.0' });
    await versionRow.getByText('First release').waitFor();
    await versionRow.locator('[data-test=release]').click();
    await confirmBox(page, APP_NAME);
    await versionRow.locator('[data-status=released]').waitFor();
    await page.locator('[data-test=app-title] [data-status=online]').waitFor();
    await shot(page, '10-app-versions-released');

    // A second version: compared with the first, released, then rolled back to 1.0.0.
    await page.click('[data-test=upload-version]');
    await page.fill('[data-test=version-input]', '1.1.0');
    const zip2 = join(ARTIFACTS, 'package-1.1.0.zip');
    writeFileSync(zip2, miniProgramZip(`${APP_NAME} 2`, 4096));
    await page.setInputFiles('[data-test=package-input]', zip2);
    await page.fill('[data-test=changelog-input]', 'Second release');
    await page.click('[data-test=upload-submit]');
    await page.locator('[data-test=upload-dialog]').waitFor({ state: 'hidden' });
    const second = page.locator('[data-test=version-table] .el-table__row', { hasText: '1.1.0' });
    await second.getByText('Second release').waitFor();
    await page.click('[data-test=compare-versions]');
    const compare = page.locator('[data-test=compare-dialog]').filter({ visible: true });
    await compare.locator('[data-test=compare-files] .el-table__row', { hasText: 'assets/blob.bin' }).waitFor();
    await shot(page, '25-version-compare');
    await page.keyboard.press('Escape');
    await compare.waitFor({ state: 'hidden' });
    await second.locator('[data-test=release]').click();
    await confirmBox(page, '1.1.0');
    await second.locator('[data-status=released]').waitFor();
    await versionRow.locator('[data-status=superseded]').waitFor();
    await versionRow.locator('[data-test=rollback]').click();
    await confirmBox(page, '1.0.0');
    await versionRow.locator('[data-status=released]').waitFor();
    await second.locator('[data-status=superseded]').waitFor();
  });

  test('the owner creates a host app (secret shown once) and associates the mini-program', async () => {
    const page = state.owner;
    await page.goto(`${cove.url}/o/${state.orgId}/host-apps`);
    await page.locator('[data-test=list-empty]').waitFor();
    await page.click('[data-test=create-host-app]');
    await page.fill('[data-test=host-app-name]', HOST.name);
    await page.fill('[data-test=bundle-id-0]', HOST.bundleId);
    await page.click('[data-test=host-app-create-submit]');
    const dialog = page.locator('[data-test=secret-dialog]').filter({ visible: true });
    await dialog.waitFor();
    state.sdkSecret = (await dialog.locator('[data-test=secret-value]').innerText()).trim();
    assert.match(state.sdkSecret, /^cove_ss_/);
    state.sdkKey = (await dialog.locator('code').first().innerText()).trim();
    assert.match(state.sdkKey, /^sdk_/);
    await shot(page, '11-host-app-secret-once');
    await dialog.locator('[data-test=secret-done]').click();
    const row = page.locator('[data-test=host-app-table] .el-table__row', { hasText: HOST.name });
    await row.waitFor();
    // Associate from the host app's panel.
    await row.locator('.el-table__expand-icon').click();
    const panel = page.locator(`[data-test="assoc-panel-${HOST.name}"]`);
    await panel.locator('[data-test=assoc-pick]').click();
    await page.locator('.el-select-dropdown__item', { hasText: APP_NAME }).click();
    await panel.locator('[data-test=assoc-add]').click();
    await panel.locator('.el-table__row', { hasText: APP_NAME }).waitFor();
    await shot(page, '12-host-apps-associated');
    // The mini-program's own tab shows the association too.
    await page.goto(`${cove.url}/o/${state.orgId}/apps/${state.appId}?tab=host-apps`);
    await page.locator(`[data-test="assoc-${HOST.name}"].is-checked`).waitFor();
    // The overview now has numbers and the (lazily loaded) chart.
    await page.goto(`${cove.url}/o/${state.orgId}`);
    await page.locator('[data-test=stat-apps]').getByText('1').waitFor();
    await page.locator('.chart canvas').waitFor();
    await shot(page, '23-org-dashboard-with-data');
  });

  test('the owner uploads the app icon and the licence scan; the operator sees the scan in the review detail', async () => {
    const page = state.owner;
    const png = join(ARTIFACTS, 'pixel.png');
    writeFileSync(png, Buffer.from(PIXEL_PNG, 'base64'));
    await page.goto(`${cove.url}/o/${state.orgId}/apps/${state.appId}`);
    await page.setInputFiles('[data-test=icon-input]', png);
    await page.locator('img[data-test=app-icon][src^="blob:"]').waitFor();
    await page.locator('.el-message--success').first().waitFor();

    await page.goto(`${cove.url}/o/${state.orgId}/settings`);
    await page.setInputFiles('[data-test=license-input]', png);
    await page.getByText('pixel.png').waitFor();
    await shot(page, '28-org-settings');

    const operator = state.operator;
    await operator.goto(`${cove.url}/ops/orgs`);
    await operator.locator('[data-test=org-status-filter]').getByText('正常').click();
    await operator.locator('[data-test=org-table] .el-table__row', { hasText: ORG.name }).locator('td').first().click();
    await operator.locator('[data-test=org-detail] img.license-img[src^="blob:"]').waitFor();
    await operator.keyboard.press('Escape');
  });

  test('a signed runtime request returns the released version', async () => {
    const res = await signedRuntimeGet(cove.url, `/runtime/v1/apps/${state.appId}?uid=42`, {
      sdkKey: state.sdkKey,
      sdkSecret: state.sdkSecret,
      bundleId: HOST.bundleId,
    });
    assert.equal(res.status, 200, await res.clone().text());
    const body = await res.json();
    assert.equal(body.version, '1.0.0');
    assert.equal(body.appId, state.appId);
  });

  test('the operator takes the mini-program down; the runtime then answers 404', async () => {
    const page = state.operator;
    await page.goto(`${cove.url}/ops/apps`);
    const row = page.locator('[data-test=platform-app-table] .el-table__row', { hasText: APP_NAME });
    await row.waitFor();
    await row.locator('[data-test=takedown]').click();
    await confirmBox(page, APP_NAME, 'Violates the content policy');
    await row.locator('[data-test=restore]').waitFor();
    await shot(page, '13-ops-apps-taken-down');
    let status = 0;
    for (let i = 0; i < 50 && status !== 404; i += 1) {
      // The runtime rebuilds its catalog in the background after the change.
      const res = await signedRuntimeGet(cove.url, `/runtime/v1/apps/${state.appId}?uid=42`, {
        sdkKey: state.sdkKey,
        sdkSecret: state.sdkSecret,
        bundleId: HOST.bundleId,
      });
      status = res.status;
      if (status !== 404) await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(status, 404);
    // The organisation sees why.
    await state.owner.goto(`${cove.url}/o/${state.orgId}/apps/${state.appId}`);
    await state.owner.locator('[data-test=taken-down-banner]').getByText('Violates the content policy').waitFor();
  });

  test('platform settings: the branding preview follows the form and the sign-in page shows it; operators', async () => {
    const page = state.operator;
    await page.goto(`${cove.url}/ops/settings`);
    await page.fill('[data-test=brand-product]', 'Acme Cloud');
    await page.fill('[data-test=brand-title]', 'Acme 小程序开放平台');
    await page.locator('[data-test=brand-preview]').getByText('Acme 小程序开放平台').waitFor();
    await page.click('[data-test=brand-save]');
    await page.locator('.el-message--success').first().waitFor();
    await shot(page, '26-ops-settings-branding');
    const visitor = await newPage();
    await visitor.goto(`${cove.url}/sign-in`);
    await visitor.locator('[data-test=product-name]').getByText('Acme Cloud').waitFor();
    await visitor.getByText('Acme 小程序开放平台').waitFor();
    await visitor.context().close();

    await page.goto(`${cove.url}/ops/operators`);
    await page.click('[data-test=create-operator]');
    await page.fill('[data-test=operator-email]', 'reviewer@example.com');
    await page.fill('[data-test=operator-name]', 'Rita Reviewer');
    await page.click('[data-test=operator-create-submit]');
    const dialog = page.locator('[data-test=secret-dialog]').filter({ visible: true });
    await dialog.waitFor();
    await dialog.locator('[data-test=secret-done]').click();
    await page.locator('[data-test=operator-table] .el-table__row', { hasText: 'reviewer@example.com' }).waitFor();
    await shot(page, '27-ops-operators');
  });

  test('forbidden and unknown URLs show the 403 and 404 pages', async () => {
    const page = state.owner;
    await page.goto(`${cove.url}/ops/orgs`);
    await page.locator('[data-test=forbidden]').waitFor();
    assert.match(page.url(), /\/403\?from=/);
    await shot(page, '14-forbidden');
    await page.goto(`${cove.url}/o/org_someoneelse/apps`);
    await page.locator('[data-test=forbidden]').waitFor();
    await page.goto(`${cove.url}/no/such/page`);
    await page.locator('[data-test=not-found]').waitFor();
    await shot(page, '15-not-found');
    // The operator's navigation shows the operations console only.
    const nav = await state.operator.locator('[data-test=side-nav]').innerText();
    assert.match(nav, /机构审核/);
    assert.doesNotMatch(nav, /API 密钥/);
  });

  test('a member created with a temporary password must change it first; a developer sees no admin pages', async () => {
    const token = await apiLogin(OWNER);
    const res = await fetch(`${cove.url}/api/v1/orgs/${state.orgId}/members`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ email: 'dev@acme.example', name: 'Dev Eloper', role: 'developer', initialPassword: 'Temp-Passw0rd-1234' }),
    });
    assert.equal(res.status, 201, await res.clone().text());
    const page = await newPage();
    await signIn(page, { email: 'dev@acme.example', password: 'Temp-Passw0rd-1234' });
    await page.waitForURL(/\/change-password/);
    await shot(page, '16-forced-password-change');
    await page.fill('[data-test=current-password]', 'Temp-Passw0rd-1234');
    await page.fill('[data-test=new-password]', 'Dev-New-Passw0rd-99');
    await page.fill('[data-test=confirm-password]', 'Dev-New-Passw0rd-99');
    await page.click('[data-test=change-password-submit]');
    await page.waitForURL(new RegExp(`/o/${state.orgId}$`));
    const nav = await page.locator('[data-test=side-nav]').innerText();
    assert.match(nav, /小程序/);
    assert.doesNotMatch(nav, /API 密钥/);
    await page.goto(`${cove.url}/o/${state.orgId}/api-keys`);
    await page.locator('[data-test=forbidden]').waitFor();
    await page.context().close();
  });

  test('members: the owner invites a developer, who accepts the link, creates the account and signs in', async () => {
    const page = state.owner;
    await page.goto(`${cove.url}/o/${state.orgId}/members`);
    await page.locator('[data-test=member-table] .el-table__row', { hasText: 'dev@acme.example' }).waitFor();
    await page.click('[data-test=invite]');
    await page.fill('[data-test=invite-email]', 'newdev@acme.example');
    await page.click('[data-test=invite-submit]');
    const dialog = page.locator('[data-test=secret-dialog]').filter({ visible: true });
    await dialog.waitFor();
    const inviteUrl = (await dialog.locator('[data-test=secret-value]').innerText()).trim();
    assert.match(inviteUrl, /\/invite\//);
    await dialog.locator('[data-test=secret-done]').click();
    await page.locator('[data-test=invitation-table] .el-table__row', { hasText: 'newdev@acme.example' }).waitFor();

    // The invitee opens the link, creates the account, signs in and lands in the organisation.
    const invitee = await newPage();
    await invitee.goto(inviteUrl);
    await invitee.locator('[data-test=invite-page]').getByText(ORG.name).waitFor();
    await shot(invitee, '24-accept-invitation');
    await invitee.fill('[data-test=invite-name]', 'New Developer');
    await invitee.fill('[data-test=invite-password]', 'NewDev-Passw0rd-77');
    await invitee.fill('[data-test=invite-confirm]', 'NewDev-Passw0rd-77');
    await invitee.click('[data-test=invite-accept]');
    await invitee.waitForURL(/\/sign-in/);
    await signIn(invitee, { email: 'newdev@acme.example', password: 'NewDev-Passw0rd-77' });
    await invitee.waitForURL(new RegExp(`/o/${state.orgId}$`));
    await invitee.context().close();

    await page.reload();
    await page.getByRole('tab', { name: '成员' }).click();
    await page.locator('[data-test=member-table] .el-table__row', { hasText: 'newdev@acme.example' }).waitFor();
    await shot(page, '17-members');
  });

  test('API keys: created with scopes, the secret shown once, rotated, then revoked', async () => {
    const page = state.owner;
    await page.goto(`${cove.url}/o/${state.orgId}/api-keys`);
    await page.locator('[data-test=list-empty]').waitFor();
    await page.click('[data-test=create-key]');
    await page.fill('[data-test=key-name]', 'CI publish');
    await page.click('[data-test=key-create-submit]');
    const dialog = page.locator('[data-test=secret-dialog]').filter({ visible: true });
    await dialog.waitFor();
    assert.match(await dialog.locator('[data-test=secret-value]').innerText(), /^cove_sk_/);
    await dialog.locator('[data-test=secret-done]').click();
    const row = page.locator('[data-test=key-table] .el-table__row', { hasText: 'CI publish' });
    await row.locator('[data-status=active]').waitFor();
    await shot(page, '18-api-keys');
    await row.getByRole('button', { name: '轮换' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '轮换' }).click();
    const rotated = page.locator('[data-test=secret-dialog]').filter({ visible: true });
    await rotated.waitFor();
    assert.match(await rotated.locator('[data-test=secret-value]').innerText(), /^cove_sk_/);
    await rotated.locator('[data-test=secret-done]').click();
    await row.getByRole('button', { name: '吊销' }).click();
    await confirmBox(page, 'CI publish');
    await row.locator('[data-status=revoked]').waitFor();
  });

  test('2FA: the owner enrols with a locally drawn QR code, then signs in with a TOTP code', async () => {
    const page = state.owner;
    await page.goto(`${cove.url}/account`);
    await page.click('[data-test=totp-enroll]');
    await page.locator('[data-test=totp-qr]').waitFor();
    // The QR code is drawn in the browser after the enrolment answer: wait for the picture itself.
    await page.waitForFunction(() => document.querySelector('[data-test=totp-qr]')?.getAttribute('src')?.startsWith('data:'));
    assert.match(await page.locator('[data-test=totp-qr]').getAttribute('src'), /^data:image\/png;base64,/);
    const secret = (await page.locator('[data-test=totp-secret]').innerText()).trim();
    await shot(page, '19-account-2fa-enrol');
    await page.fill('[data-test=totp-code]', totp(secret));
    await page.click('[data-test=totp-confirm]');
    await page.locator('[data-test=recovery-codes]').waitFor();
    await shot(page, '20-account-recovery-codes');

    const fresh = await newPage();
    await signIn(fresh, OWNER);
    await fresh.locator('[data-test=totp]').waitFor();
    await shot(fresh, '30-sign-in-2fa-step');
    // The code of the next 30 s step: the one used to confirm cannot be used twice.
    await fresh.fill('[data-test=totp]', totp(secret, Date.now() + 30_000));
    await fresh.click('[data-test=sign-in-submit]');
    await fresh.waitForURL(new RegExp(`/o/${state.orgId}$`));
    await fresh.goto(`${cove.url}/account`);
    await fresh.locator('[data-test=session-table] .el-table__row').first().waitFor();
    await shot(fresh, '21-account-sessions');
    await fresh.context().close();
  });

  test('tablet width (768 px): the navigation folds into a menu and lists still fit', async () => {
    const page = await newPage({ width: 768, height: 1024 });
    await signIn(page, ADMIN);
    await page.waitForURL(/\/ops$/);
    await page.locator('[data-test=menu-toggle]').waitFor();
    assert.equal(await page.locator('[data-test=side-nav]').count(), 0);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the viewport`);
    await page.click('[data-test=menu-toggle]');
    await page.locator('.drawer-nav').getByRole('link', { name: '全部小程序' }).click();
    await page.waitForURL(/\/ops\/apps/);
    await shot(page, '22-tablet-ops-apps');
    await page.context().close();
  });

  test('signing out returns to the sign-in page and the session is gone', async () => {
    const page = state.operator;
    await page.click('[data-test=user-menu]');
    await page.click('[data-test=menu-logout]');
    await page.waitForURL(/\/sign-in/);
    await page.goto(`${cove.url}/ops/orgs`);
    await page.waitForURL(/\/sign-in\?redirect=/);
    assert.deepEqual(state.pageErrors ?? [], []);
  });
});
