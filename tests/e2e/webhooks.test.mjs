// Webhooks end to end: an organisation owner adds an endpoint in the console (the secret shown
// once), releases a version, and a receiver built with the Standard Webhooks specification's own
// library (npm `standardwebhooks`, not Cove's code) verifies the delivery; the delivery log shows it
// with its payload. The receiver then breaks: a test event fails and is retried, and once it is
// fixed a resend from the log is delivered.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { startCove } from './lib/server.mjs';
import { apiCall, screenshot, signInPage } from './lib/ui.mjs';
import { miniProgramZip } from './lib/zip.mjs';
import { approveVersion } from './lib/review.mjs';

const ARTIFACTS = process.env.COVE_E2E_ARTIFACTS ?? join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, 'artifacts');
const BINARY = process.env.COVE_BINARY;
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ADMIN = { email: 'hooks-admin@example.com', password: 'Operator-Passw0rd-hk' };
const OWNER = { email: 'owner@hooks.example', password: 'Owner-Passw0rd-hook', name: 'Hana Hook' };

assert.ok(BINARY, 'set COVE_BINARY to the cove binary (tests/e2e/run.sh does)');
mkdirSync(ARTIFACTS, { recursive: true });

let cove;
let browser;
let receiver;
const shot = (page, name) => screenshot(page, ARTIFACTS, name);
const call = (...args) => apiCall(cove.url, ...args);
const s = {};

/** A receiver on 127.0.0.1 that verifies each delivery with the specification's library. */
function startReceiver() {
  const r = { deliveries: [], status: 200, secret: null };
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let verified = null;
      try {
        verified = new Webhook(r.secret).verify(body, req.headers);
      } catch (e) {
        verified = { error: String(e) };
      }
      r.deliveries.push({ headers: req.headers, body, verified });
      res.writeHead(r.status, { 'Content-Type': 'text/plain' });
      res.end(r.status < 300 ? 'thanks' : 'broken');
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    r.url = `http://127.0.0.1:${server.address().port}/cove`;
    r.stop = () => new Promise((done) => server.close(done));
    resolve(r);
  }));
}

async function waitFor(check, what) {
  for (let i = 0; i < 200; i += 1) {
    const v = check();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

before(async () => {
  receiver = await startReceiver();
  // The receiver is a plain-http server on loopback: allowed for this test's server only.
  process.env.COVE_WEBHOOKS_ALLOWHTTP = 'true';
  process.env.COVE_WEBHOOKS_ALLOWPRIVATEADDRESSES = 'true';
  cove = await startCove({ binary: BINARY, adminEmail: ADMIN.email, adminPassword: ADMIN.password, artifacts: join(ARTIFACTS, 'webhooks') });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  s.admin = (await call('POST', '/api/v1/auth/login', null, ADMIN)).accessToken;
  const org = await call('POST', '/api/v1/orgs/register', null, {
    name: 'Hooks Org', licenseNo: 'HOOK-2026-001', contactName: 'Hana', contactEmail: 'hana@hooks.example',
    contactPhone: '+86 21 5555 0103', owner: OWNER,
  });
  s.orgId = org.id;
  await call('POST', `/api/v1/platform/orgs/${s.orgId}/approve`, s.admin);
  s.token = (await call('POST', '/api/v1/auth/login', null, { email: OWNER.email, password: OWNER.password })).accessToken;
  s.appId = (await call('POST', `/api/v1/orgs/${s.orgId}/apps`, s.token, { name: 'Hook Weather' })).appId;
  await call('PUT', `/api/v1/apps/${s.appId}/versions/1.0.0/package`, s.token, miniProgramZip('Hook Weather', 8 * 1024), 'application/zip');
  await approveVersion(cove.url, s.token, s.admin, s.appId, '1.0.0');
});

after(async () => {
  await browser?.close();
  await cove?.stop();
  await receiver?.stop();
  delete process.env.COVE_WEBHOOKS_ALLOWHTTP;
  delete process.env.COVE_WEBHOOKS_ALLOWPRIVATEADDRESSES;
});

describe('webhooks in the console', () => {
  let page;
  before(async () => {
    page = await signInPage(browser, cove.url, OWNER);
  });

  test('the owner adds an endpoint for releases and keeps its secret', async () => {
    await page.goto(`${cove.url}/o/${s.orgId}/webhooks`);
    await page.locator('[data-test=create-webhook]').click();
    await page.locator('[data-test=webhook-url]').fill(receiver.url);
    await page.locator('[data-test=webhook-all-events]').click();  // pick types instead of all
    const picker = page.locator('[data-test=webhook-event-picker]');
    await picker.locator('label', { hasText: 'version.released' }).click();
    await shot(page, 'webhooks-01-form');
    await page.locator('[data-test=webhook-save]').click();
    const secret = page.locator('[data-test=secret-value]');
    await secret.waitFor();
    receiver.secret = (await secret.innerText()).trim();
    assert.match(receiver.secret, /^whsec_/);
    await shot(page, 'webhooks-02-secret');
    await page.getByRole('button', { name: '我已保存' }).click();
    await page.locator('[data-test=webhook-table] .el-table__row', { hasText: receiver.url }).waitFor();
  });

  test('a release is delivered and verifies with the specification’s library', async () => {
    await call('POST', `/api/v1/apps/${s.appId}/versions/1.0.0/release`, s.token);
    const d = await waitFor(() => receiver.deliveries.find((x) => JSON.parse(x.body).type === 'version.released'), 'the release delivery');
    assert.equal(d.verified.error, undefined, `verification failed: ${d.verified.error}`);
    assert.equal(d.verified.type, 'version.released');
    assert.equal(d.verified.data.appId, s.appId);
    assert.equal(d.verified.data.version, '1.0.0');
    // Only the subscribed type arrived (not app.status_changed, not review.*).
    assert.ok(receiver.deliveries.every((x) => JSON.parse(x.body).type === 'version.released'));
    s.releaseId = d.headers['webhook-id'];

    await page.reload();
    const row = page.locator('[data-test=webhook-table] .el-table__row', { hasText: receiver.url });
    await row.locator('[data-test=log]').click();
    const msg = page.locator('[data-test=message-table] .el-table__row', { hasText: 'version.released' });
    await msg.locator('[data-status=delivered]').waitFor();
    await msg.click();
    const payload = page.locator('[data-test=payload]');
    await payload.waitFor();
    assert.match(await payload.innerText(), new RegExp(s.appId));
    await page.locator('[data-test=attempt-table] .el-table__row', { hasText: 'HTTP 200' }).waitFor();
    await shot(page, 'webhooks-03-log');
    await page.keyboard.press('Escape');
  });

  test('a broken receiver: the delivery is retried; a resend from the log after the fix is delivered', async () => {
    receiver.status = 500;
    const before = receiver.deliveries.length;
    await call('PUT', `/api/v1/apps/${s.appId}/versions/1.1.0/package`, s.token, miniProgramZip('Hook Weather', 8 * 1024), 'application/zip');
    await approveVersion(cove.url, s.token, s.admin, s.appId, '1.1.0');
    await call('POST', `/api/v1/apps/${s.appId}/versions/1.1.0/release`, s.token);
    // The first attempt fails; the retry comes about 5 seconds later with the same webhook-id.
    const first = await waitFor(() => receiver.deliveries[before], 'the first attempt');
    const retry = await waitFor(() => receiver.deliveries[before + 1], 'the retry');
    assert.equal(retry.headers['webhook-id'], first.headers['webhook-id']);
    assert.equal(retry.verified.error, undefined);

    receiver.status = 200;
    await page.reload();
    const row = page.locator('[data-test=webhook-table] .el-table__row', { hasText: receiver.url });
    await row.locator('[data-test=log]').click();
    const msg = page.locator('[data-test=message-table] .el-table__row', { hasText: '1' }).filter({ has: page.locator('[data-status=pending]') });
    await msg.waitFor();
    await shot(page, 'webhooks-04-retrying');
    await msg.locator('[data-test=resend]').click();
    await waitFor(() => receiver.deliveries.length >= before + 3, 'the resend');
    const resent = receiver.deliveries[before + 2];
    assert.equal(resent.headers['webhook-id'], first.headers['webhook-id']);
    assert.equal(JSON.parse(resent.body).data.version, '1.1.0');
    // The log shows it delivered, with both failures and the success among its attempts.
    await page.locator('[data-test=message-table] [data-status=delivered]').nth(1).waitFor({ timeout: 10000 }).catch(async () => {
      await page.getByRole('button', { name: '刷新' }).click();
      await page.locator('[data-test=message-table] [data-status=delivered]').nth(1).waitFor();
    });
    const detail = await call('GET', `/api/v1/webhooks/${(await call('GET', `/api/v1/orgs/${s.orgId}/webhooks`, s.token)).items[0].id}/messages/${first.headers['webhook-id']}`, s.token);
    assert.deepEqual(detail.attempts.map((a) => a.status), [500, 500, 200]);
    assert.equal(detail.attempts[2].trigger, 'resend');
    await shot(page, 'webhooks-05-resent');
  });
});
