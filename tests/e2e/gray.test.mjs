// Gray releases in the console, end to end: an organisation with a released mini-program (set up
// through the API) imports a UID list, builds a plan with the rule builder and a step schedule,
// starts it, sees the live simulation pick the new version for a listed user, and a signed
// runtime request agrees; then the plan is rolled back and the runtime follows.
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
const ADMIN = { email: 'gray-admin@example.com', password: 'Operator-Passw0rd-gray' };
const OWNER = { email: 'owner@gray.example', password: 'Owner-Passw0rd-gray', name: 'Gina Gray' };

assert.ok(BINARY, 'set COVE_BINARY to the cove binary (tests/e2e/run.sh does)');
mkdirSync(ARTIFACTS, { recursive: true });

let cove;
let browser;
const shot = (page, name) => screenshot(page, ARTIFACTS, name);
const call = (...args) => apiCall(cove.url, ...args);
const s = {};

async function runtimeVersion(uid) {
  const res = await signedRuntimeGet(cove.url, `/runtime/v1/apps/${s.appId}?uid=${uid}&platform=ios&osVersion=17.4`, s.host);
  assert.equal(res.status, 200);
  return res.json();
}

/** The runtime follows a change within milliseconds; poll briefly instead of sleeping. */
async function awaitRuntime(uid, version) {
  let last;
  for (let i = 0; i < 100; i += 1) {
    last = await runtimeVersion(uid);
    if (last.version === version) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  return last;
}

before(async () => {
  cove = await startCove({ binary: BINARY, adminEmail: ADMIN.email, adminPassword: ADMIN.password, artifacts: join(ARTIFACTS, 'gray') });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  // The organisation, a released 1.0.0, an uploaded 1.1.0 and a host app, through the API.
  const admin = (await call('POST', '/api/v1/auth/login', null, ADMIN)).accessToken;
  const org = await call('POST', '/api/v1/orgs/register', null, {
    name: 'Gray Org', licenseNo: 'GRAY-2026-001', contactName: 'Gina', contactEmail: 'gina@gray.example',
    contactPhone: '+86 21 5555 0101', owner: OWNER,
  });
  s.orgId = org.id;
  await call('POST', `/api/v1/platform/orgs/${s.orgId}/approve`, admin);
  s.token = (await call('POST', '/api/v1/auth/login', null, { email: OWNER.email, password: OWNER.password })).accessToken;
  s.appId = (await call('POST', `/api/v1/orgs/${s.orgId}/apps`, s.token, { name: 'Gray Weather' })).appId;
  const zip = miniProgramZip('Gray Weather', 64 * 1024);
  await call('PUT', `/api/v1/apps/${s.appId}/versions/1.0.0/package`, s.token, zip, 'application/zip');
  await approveVersion(cove.url, s.token, admin, s.appId, '1.0.0');
  await call('POST', `/api/v1/apps/${s.appId}/versions/1.0.0/release`, s.token);
  await call('PUT', `/api/v1/apps/${s.appId}/versions/1.1.0/package`, s.token, miniProgramZip('Gray Weather 1.1', 64 * 1024), 'application/zip');
  // A gray plan serves an approved version only.
  await approveVersion(cove.url, s.token, admin, s.appId, '1.1.0');
  const host = await call('POST', `/api/v1/orgs/${s.orgId}/host-apps`, s.token, {
    name: 'Gray Host', bundleIds: [{ platform: 'ios', id: 'com.gray.host' }],
  });
  await call('PUT', `/api/v1/host-apps/${host.id}/apps/${s.appId}`, s.token);
  s.host = { sdkKey: host.sdkKey, sdkSecret: host.sdkSecret, bundleId: 'com.gray.host' };
});

after(async () => {
  await browser?.close();
  await cove?.stop();
});

describe('gray release in the console', () => {
  let page;
  before(async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    page = await context.newPage();
    await page.goto(`${cove.url}/sign-in`);
    await page.fill('[data-test=email]', OWNER.email);
    await page.fill('[data-test=password]', OWNER.password);
    await page.click('[data-test=sign-in-submit]');
    await page.waitForURL(new RegExp(`/o/${s.orgId}`));
  });

  test('an owner imports a UID list from a file', async () => {
    await page.goto(`${cove.url}/o/${s.orgId}/uid-lists`);
    await page.click('[data-test=new-uid-list]');
    await page.fill('[data-test=uid-list-name]', 'beta-testers');
    await page.setInputFiles('[data-test=uid-list-file]', { name: 'beta.csv', mimeType: 'text/csv', buffer: Buffer.from('uid,name\nalice,Alice\nbob,Bob\n') });
    await page.click('[data-test=uid-list-submit]');
    const row = page.locator('[data-test=uid-list-table] .el-table__row', { hasText: 'beta-testers' });
    await row.waitFor();
    assert.match(await row.innerText(), /\b2\b/);
    await shot(page, 'gray-01-uid-lists');
  });

  test('a plan is built with the rule builder and a step schedule, then started', async () => {
    await page.goto(`${cove.url}/o/${s.orgId}/apps/${s.appId}?tab=gray`);
    await page.click('[data-test=new-gray-plan]');
    const dialog = page.locator('[data-test=gray-plan-dialog]');
    await dialog.waitFor();
    await dialog.locator('[data-test=plan-name]').fill('Beta first');
    // Group 1: platform IN ios (the default row) AND the beta list.
    await dialog.locator('[data-test=group-lists]').click();
    await page.locator('.el-select-dropdown__item', { hasText: 'beta-testers' }).click();
    await dialog.locator('[data-test=plan-name]').click(); // close the dropdown
    await dialog.locator('[data-test=add-step]').click();
    await shot(page, 'gray-02-plan-dialog');
    await dialog.locator('[data-test=plan-save]').click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.locator('[data-test=gray-plan-table] .el-table__row', { hasText: 'Beta first' });
    await row.waitFor();
    await row.locator('[data-test=plan-start]').click();
    await confirmBox(page, 'Beta first');
    await row.locator('[data-status=running]').waitFor();
    await shot(page, 'gray-03-plan-running');
  });

  test('the live simulation and the runtime agree on who gets the new version', async () => {
    // The step added in the dialog is an hour away: until then the share is 0 %, so nobody gets it.
    const before = await runtimeVersion('alice');
    assert.equal(before.version, '1.0.0');
    const plans = await call('GET', `/api/v1/apps/${s.appId}/gray/plans`, s.token);
    const plan = plans.items[0];
    assert.equal(plan.currentPercentage, 0);
    // Dropping the schedule lets the rule alone decide.
    await call('PATCH', `/api/v1/gray/plans/${plan.id}`, s.token, { steps: [] });
    const alice = await awaitRuntime('alice', '1.1.0');
    assert.equal(alice.version, '1.1.0');
    assert.equal(alice.gray.planId, plan.id);
    assert.equal((await runtimeVersion('carol')).version, '1.0.0');

    await page.reload();
    const panel = page.locator('[data-test=simulate-panel]');
    await panel.locator('[data-test=sim-uid]').fill('alice');
    await page.waitForFunction(() => document.querySelector('[data-test=simulate-version]')?.textContent?.trim() === '1.1.0');
    await panel.locator('.el-collapse-item__header').first().click(); // the plan's explanation
    // The console words the server's verdicts itself, in the user's language.
    await panel.getByText('用户 ID “alice” 在名单「beta-testers」中').waitFor();
    await shot(page, 'gray-04-simulation-match');
    await panel.locator('[data-test=sim-uid]').fill('carol');
    await page.waitForFunction(() => document.querySelector('[data-test=simulate-version]')?.textContent?.trim() === '1.0.0');
    await panel.getByText('用户 ID “carol” 不在所选名单中').waitFor();
  });

  test('rolling back returns everyone to the released version', async () => {
    const row = page.locator('[data-test=gray-plan-table] .el-table__row', { hasText: 'Beta first' });
    await row.locator('[data-test=plan-rollback]').click();
    await confirmBox(page, 'Beta first');
    await row.locator('[data-status=rolled_back]').waitFor();
    assert.equal((await awaitRuntime('alice', '1.0.0')).version, '1.0.0');
    writeFileSync(join(ARTIFACTS, 'gray-ok.txt'), 'gray release e2e passed\n');
  });
});
