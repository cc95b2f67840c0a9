// Notifications and e-mail in the console, end to end (issue 16): an organisation registers, an
// operator approves it, and the owner's header bell shows it at once (live, over the stream)
// while an e-mail with a working link reaches a real SMTP server; 消息中心 lists it and marks all
// read; the operators' mail settings send a test e-mail and show the log; "forgot password" from
// the sign-in page to a new password.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { freePort, startCove } from './lib/server.mjs';
import { startSmtpd } from './lib/smtpd.mjs';
import { apiCall, screenshot, signInPage } from './lib/ui.mjs';

const ARTIFACTS = process.env.COVE_E2E_ARTIFACTS ?? join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, 'artifacts');
const BINARY = process.env.COVE_BINARY;
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ADMIN = { email: 'notify-admin@example.com', password: 'Operator-Passw0rd-notify' };
const OWNER = { email: 'owner@notify.example', password: 'Owner-Passw0rd-notify', name: 'Nora Notify' };

assert.ok(BINARY, 'set COVE_BINARY to the cove binary (tests/e2e/run.sh does)');
const dir = join(ARTIFACTS, 'notify');
mkdirSync(dir, { recursive: true });

let cove;
let smtpd;
let browser;
const shot = (page, name) => screenshot(page, dir, name);
const call = (...args) => apiCall(cove.url, ...args);
const s = {};

before(async () => {
  smtpd = await startSmtpd();
  // Links in e-mails need the address users know, so the port is chosen before the start.
  const port = await freePort();
  cove = await startCove({
    binary: BINARY, adminEmail: ADMIN.email, adminPassword: ADMIN.password, artifacts: dir, listen: `127.0.0.1:${port}`,
    env: {
      COVE_HTTP_PUBLICURL: `http://127.0.0.1:${port}`,
      COVE_MAIL_SMTP_HOST: '127.0.0.1',
      COVE_MAIL_SMTP_PORT: String(smtpd.port),
      COVE_MAIL_FROM: 'noreply@notify.example',
    },
  });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  s.admin = (await call('POST', '/api/v1/auth/login', null, ADMIN)).accessToken;
  s.orgId = (await call('POST', '/api/v1/orgs/register', null, {
    name: 'Notify Org', licenseNo: 'NOTIFY-2026-001', contactName: 'Nora', contactEmail: 'nora@notify.example',
    contactPhone: '+86 21 5555 0404', owner: OWNER,
  })).id;
});

after(async () => {
  await browser?.close();
  await cove?.stop();
  smtpd?.stop();
});

describe('notifications and e-mail', () => {
  test('an approval reaches the owner live in the bell and by e-mail with a working link', async () => {
    const errors = [];
    const page = await signInPage(browser, cove.url, OWNER, { pageErrors: errors });
    s.owner = page;
    const bell = page.locator('[data-test=notification-bell]');
    await bell.waitFor();
    const badge = page.locator('[data-test=notification-badge] .el-badge__content');
    assert.equal(await badge.isVisible(), false);
    // Give the stream a moment to open, then the operator decides (through the API, elsewhere).
    await page.waitForTimeout(500);
    await call('POST', `/api/v1/platform/orgs/${s.orgId}/approve`, s.admin);
    await badge.filter({ hasText: '1' }).waitFor({ timeout: 10_000 });
    await shot(page, '01-bell-badge');
    await bell.click();
    const item = page.locator('[data-test=notification-item]', { hasText: '机构已通过审核：Notify Org' });
    await item.waitFor();
    await shot(page, '02-bell-dropdown');

    const mail = await smtpd.waitFor(OWNER.email, /机构已通过审核：Notify Org/);
    assert.match(mail.raw, /^Subject: =\?UTF-8\?B\?/m);
    assert.match(mail.raw, /multipart\/alternative/);
    const link = /(http:\/\/127\.0\.0\.1:\d+\/o\/org_[A-Za-z0-9_-]+\/apps)/.exec(mail.text)?.[1];
    assert.ok(link, `a console link in: ${mail.text}`);

    // Clicking the item marks it read and follows its link; the e-mailed link opens the same page.
    await item.click();
    await page.waitForURL(new RegExp(`/o/${s.orgId}/apps`));
    await badge.waitFor({ state: 'hidden' });
    await page.goto(link);
    await page.waitForURL(new RegExp(`/o/${s.orgId}/apps`));
    await page.locator('h1').first().waitFor();
    assert.deepEqual(errors, []);
  });

  test('消息中心 lists notifications, filters them and marks all read', async () => {
    const page = s.owner;
    // A second one arrives while the page is open: the list shows it without a reload.
    await page.goto(`${cove.url}/notifications`);
    const table = page.locator('[data-test=notifications-table]');
    await table.locator('.el-table__row', { hasText: '机构已通过审核' }).waitFor();
    await call('POST', `/api/v1/platform/orgs/${s.orgId}/suspend`, s.admin, { reason: '资料待补充' });
    await table.locator('.el-table__row', { hasText: '机构已被停用' }).waitFor({ timeout: 10_000 });
    await page.locator('[data-test=notifications-unread]').click();
    await page.waitForURL(/unread=true/);
    // The approval was read in the bell: only the suspension is left.
    await table.locator('.el-table__row', { hasText: '机构已通过审核' }).waitFor({ state: 'detached' });
    assert.equal(await table.locator('.el-table__row').count(), 1);
    await shot(page, '03-notification-center');
    await page.click('[data-test=notifications-read-all]');
    await table.locator('.el-table__row').first().waitFor({ state: 'detached' });
    await page.locator('[data-test=notification-badge] .el-badge__content').waitFor({ state: 'hidden' });
    await call('POST', `/api/v1/platform/orgs/${s.orgId}/reactivate`, s.admin);
  });

  test('operators send a test e-mail and read the mail log', async () => {
    const page = await signInPage(browser, cove.url, ADMIN);
    await page.goto(`${cove.url}/ops/mail`);
    await page.locator('[data-test=mail-source]').waitFor();
    assert.equal(await page.inputValue('[data-test=mail-host]'), '127.0.0.1');
    await page.fill('[data-test=mail-test-to]', 'ops-test@notify.example');
    await page.click('[data-test=mail-test-send]');
    const result = page.locator('[data-test=mail-test-result]');
    await result.waitFor();
    assert.match(await result.innerText(), /250/);
    await smtpd.waitFor('ops-test@notify.example', /测试邮件/);
    const log = page.locator('[data-test=mail-log]');
    await log.locator('.el-table__row', { hasText: 'ops-test@notify.example' }).waitFor();
    assert.match(await log.innerText(), new RegExp(OWNER.email.replace('.', '\\.')));
    await shot(page, '04-mail-settings');
  });

  test('forgot password: from the sign-in page to a new password', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${cove.url}/sign-in`);
    await page.click('[data-test=forgot-password-link]');
    await page.waitForURL(/\/forgot-password/);
    await page.fill('[data-test=reset-email]', OWNER.email);
    await page.click('[data-test=reset-send]');
    await page.locator('[data-test=reset-requested]').waitFor();
    await shot(page, '05-reset-requested');
    const mail = await smtpd.waitFor(OWNER.email, /reset-password\//);
    const link = /(http:\/\/127\.0\.0\.1:\d+\/reset-password\/[A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
    assert.ok(link);
    await page.goto(link);
    await page.locator('[data-test=reset-password]').waitFor();
    assert.match(await page.locator('[data-test=reset-page]').innerText(), /o•••@notify\.example/);
    await page.fill('[data-test=reset-password]', 'Brand-New-Passw0rd-notify');
    await page.fill('[data-test=reset-confirm]', 'Brand-New-Passw0rd-notify');
    await shot(page, '06-reset-form');
    await page.click('[data-test=reset-submit]');
    await page.waitForURL(/\/sign-in/);
    const signedIn = await signInPage(browser, cove.url, { email: OWNER.email, password: 'Brand-New-Passw0rd-notify' });
    await signedIn.locator('[data-test=notification-bell]').waitFor();
    // The link worked once.
    const again = await fetch(`${link.replace(/.*\/reset-password\//, `${cove.url}/api/v1/auth/password-reset/`)}`);
    assert.equal(again.status, 410);
    // And the owner is told of the change, by e-mail too.
    await smtpd.waitFor(OWNER.email, /你的密码已修改/);
  });
});
