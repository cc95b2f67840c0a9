// OAuth end to end (issue 20): an operator allows a mini-program the email scope in its 开发配置
// tab; the owner enables OAuth there with a redirect URI and the scopes, and creates the client
// secret (shown once). The secret from the console then works: the host app's signed authorization
// call gives a code, the mini-program's back end exchanges it and reads the user's confirmed e-mail.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startCove } from './lib/server.mjs';
import { apiCall, screenshot, signInPage } from './lib/ui.mjs';
import { miniProgramZip } from './lib/zip.mjs';
import { allowSelfRelease } from './lib/review.mjs';

const ARTIFACTS = process.env.COVE_E2E_ARTIFACTS ?? join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, 'artifacts');
const BINARY = process.env.COVE_BINARY;
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ADMIN = { email: 'oauth-admin@example.com', password: 'Operator-Passw0rd-oa' };
const OWNER = { email: 'owner@oauth.example', password: 'Owner-Passw0rd-oauth', name: 'Olga Auth' };
const REDIRECT = 'https://mp.example.com/oauth/callback';

assert.ok(BINARY, 'set COVE_BINARY to the cove binary (tests/e2e/run.sh does)');
mkdirSync(ARTIFACTS, { recursive: true });

let cove;
let browser;
const shot = (page, name) => screenshot(page, ARTIFACTS, name);
const call = (...args) => apiCall(cove.url, ...args);
const s = {};
const b64url = (buf) => Buffer.from(buf).toString('base64url');

before(async () => {
  cove = await startCove({ binary: BINARY, adminEmail: ADMIN.email, adminPassword: ADMIN.password, artifacts: join(ARTIFACTS, 'oauth') });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  s.admin = (await call('POST', '/api/v1/auth/login', null, ADMIN)).accessToken;
  s.orgId = (await call('POST', '/api/v1/orgs/register', null, {
    name: 'OAuth Org', licenseNo: 'OAUTH-2026-001', contactName: 'Olga', contactEmail: 'olga@oauth.example',
    contactPhone: '+86 21 5555 0120', owner: OWNER,
  })).id;
  await call('POST', `/api/v1/platform/orgs/${s.orgId}/approve`, s.admin);
  await allowSelfRelease(cove.url, s.admin, s.orgId);
  s.token = (await call('POST', '/api/v1/auth/login', null, { email: OWNER.email, password: OWNER.password })).accessToken;
  s.appId = (await call('POST', `/api/v1/orgs/${s.orgId}/apps`, s.token, { name: 'OAuth Weather' })).appId;
  await call('PUT', `/api/v1/apps/${s.appId}/versions/1.0.0/package`, s.token, miniProgramZip('OAuth Weather', 8 * 1024), 'application/zip');
  await call('POST', `/api/v1/apps/${s.appId}/versions/1.0.0/release`, s.token);
  s.host = await call('POST', `/api/v1/orgs/${s.orgId}/host-apps`, s.token, {
    name: 'OAuth Wallet', bundleIds: [{ platform: 'android', id: 'com.oauth.wallet' }],
  });
  await call('PUT', `/api/v1/host-apps/${s.host.id}/apps/${s.appId}`, s.token);
});

after(async () => {
  await browser?.close();
  await cove?.stop();
});

describe('OAuth in the console', () => {
  test('an operator allows the mini-program the email scope', async () => {
    const page = await signInPage(browser, cove.url, ADMIN);
    await page.goto(`${cove.url}/ops/apps/${s.appId}?tab=oauth`);
    const box = page.locator('[data-test=oauth-ops-scopes]');
    await box.locator('label', { hasText: 'email' }).click();
    await shot(page, 'oauth-01-ops-scopes');
    await box.locator('[data-test=oauth-ops-save]').click();
    await page.getByText('已更新').waitFor();
    const allowed = await call('GET', `/api/v1/platform/apps/${s.appId}/oauth-scopes`, s.admin);
    assert.deepEqual(allowed.scopes, ['basic', 'email']);
    await page.context().close();
  });

  test('the owner enables OAuth and creates the client secret, shown once', async () => {
    const page = await signInPage(browser, cove.url, OWNER);
    await page.goto(`${cove.url}/o/${s.orgId}/apps/${s.appId}?tab=oauth`);
    const tab = page.locator('[data-test=oauth-tab]');
    await tab.locator('[data-test=oauth-enabled]').click();
    const uri = tab.locator('.el-input-tag input');
    await uri.fill(REDIRECT);
    await uri.press('Enter');
    const scopes = tab.locator('[data-test=oauth-scopes]');
    await scopes.locator('label', { hasText: 'basic' }).click();
    await scopes.locator('label', { hasText: 'email' }).click();
    await tab.locator('[data-test=oauth-save]').click();
    await page.getByText('OAuth 配置已保存').waitFor();
    // Both requested scopes are approved by the operator: marked so.
    assert.equal(await scopes.locator('.el-tag', { hasText: '已获运营方批准' }).count(), 2);
    await tab.locator('[data-test=oauth-rotate]').click();
    const secret = page.locator('[data-test=secret-value]');
    await secret.waitFor();
    s.secret = (await secret.innerText()).trim();
    assert.match(s.secret, /^cove_cs_/);
    await shot(page, 'oauth-02-secret');
    await page.getByRole('button', { name: '我已保存' }).click();
    await tab.locator('[data-test=oauth-secret-state]', { hasText: '密钥创建于' }).waitFor();
    await shot(page, 'oauth-03-settings');
    await page.context().close();
  });

  test('the secret from the console exchanges a code the host app obtained for its user', async () => {
    const verifier = b64url(randomBytes(32));
    const challenge = b64url(createHash('sha256').update(verifier).digest());
    const target = `/oauth/authorize?response_type=code&client_id=${s.appId}&redirect_uri=${encodeURIComponent(REDIRECT)}` +
      `&scope=basic%20email&state=st-1&code_challenge=${challenge}&code_challenge_method=S256`;
    const user = b64url(JSON.stringify({ uid: 'olga', email: 'olga@oauth.example', confirmed: ['email'] }));
    let res;
    for (let i = 0; i < 100; i += 1) {
      const ts = String(Math.floor(Date.now() / 1000));
      const nonce = randomBytes(12).toString('hex');
      const signature = createHmac('sha256', s.host.sdkSecret).update(`GET\n${target}\n${ts}\n${nonce}\n${user}`).digest('hex');
      res = await fetch(cove.url + target, {
        headers: { 'X-Cove-Sdk-Key': s.host.sdkKey, 'X-Cove-Bundle-Id': 'com.oauth.wallet', 'X-Cove-Timestamp': ts,
          'X-Cove-Nonce': nonce, 'X-Cove-Signature': signature, 'X-Cove-User': user, Accept: 'application/json' },
      });
      if (res.status !== 401) break;
      await new Promise((r) => setTimeout(r, 50));  // the SDK directory learns of the host app a moment later
    }
    const authorized = await res.json();
    assert.equal(res.status, 200, JSON.stringify(authorized));
    assert.equal(authorized.state, 'st-1');
    const token = await fetch(`${cove.url}/oauth/token`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from(`${s.appId}:${s.secret}`).toString('base64')}`,
        'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: authorized.code, redirect_uri: REDIRECT, code_verifier: verifier }),
    });
    const tokens = await token.json();
    assert.equal(token.status, 200, JSON.stringify(tokens));
    assert.equal(tokens.scope, 'basic email');
    const info = await (await fetch(`${cove.url}/oauth/userinfo`, { headers: { Authorization: `Bearer ${tokens.access_token}` } })).json();
    assert.equal(info.email, 'olga@oauth.example');
    assert.equal(info.uid, 'olga');
    const settings = await call('GET', `/api/v1/apps/${s.appId}/oauth`, s.token);
    assert.equal(settings.activeAuthorizations, 1);
  });
});
