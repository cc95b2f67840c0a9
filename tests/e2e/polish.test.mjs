// Console polish (issue 13) end to end, on the world the issue was tried with (lib/polish-world.mjs:
// 56 organisations, 54 mini-programs, a 60-character mini-program name, a 100-character
// organisation name): the fixed 操作 column covers no cell at 1280 and 1024 px in both languages,
// long names keep rows single-line with a tooltip, lists keep page and filters across a reload
// and Back, the operators' views (organisation names, read-only detail, workbench, read-only
// organisation console), breadcrumbs and tab titles, no English server sentence on zh-CN pages,
// and the bugs the issue lists.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startCove } from './lib/server.mjs';
import { apiCall, confirmBox, screenshot, signInPage } from './lib/ui.mjs';
import { miniProgramZip } from './lib/zip.mjs';
import { LONG_APP_NAME, LONG_ORG_NAME, MAIN_APPS, MAIN_ORG, PENDING_ORGS, seedPolishWorld } from './lib/polish-world.mjs';

const ARTIFACTS = process.env.COVE_E2E_ARTIFACTS ?? join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, 'artifacts');
const BINARY = process.env.COVE_BINARY;
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ADMIN = { email: 'polish-admin@example.com', password: 'Operator-Passw0rd-polish' };

assert.ok(BINARY, 'set COVE_BINARY to the cove binary (tests/e2e/run.sh does)');
mkdirSync(ARTIFACTS, { recursive: true });

let cove;
let browser;
let w;
const pageErrors = [];
const call = (...args) => apiCall(cove.url, ...args);
const shot = (page, name) => screenshot(page, ARTIFACTS, name);

const signedIn = (user, opts = {}) => signInPage(browser, cove.url, user, { pageErrors, ...opts });

/** Opens a console page and waits for its table rows (or its empty state) and for the network to settle. */
async function open(page, path, rows = '.el-table__row') {
  await page.goto(cove.url + path);
  await page.locator(`${rows}, [data-test=list-empty]`).first().waitFor();
  await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => {});
  await page.waitForTimeout(150);
}

/**
 * What a person would notice about the tables in view: a cell under the fixed 操作 column, a table
 * that scrolls sideways (its last columns hidden behind the fixed one), action links on two lines,
 * a row taller than one line.
 */
function tableProblems(page) {
  return page.evaluate(() => {
    const problems = [];
    const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    for (const table of document.querySelectorAll('.el-table')) {
      if (!visible(table)) continue;
      const name = table.getAttribute('data-test') ?? table.closest('[data-test]')?.getAttribute('data-test') ?? 'table';
      const wrap = table.querySelector('.el-table__body-wrapper .el-scrollbar__wrap') ?? table.querySelector('.el-table__body-wrapper');
      if (wrap && wrap.scrollWidth > wrap.clientWidth + 1) problems.push(`${name}: scrolls sideways (${wrap.scrollWidth} > ${wrap.clientWidth})`);
      for (const row of table.querySelectorAll('tr')) {
        if (row.closest('.el-table') !== table || !visible(row)) continue;
        const cells = [...row.children].filter((c) => c.tagName === 'TD' || c.tagName === 'TH');
        const fixed = cells.filter((c) => c.classList.contains('el-table-fixed-column--right'));
        if (fixed.length) {
          const left = Math.min(...fixed.map((c) => c.getBoundingClientRect().left));
          for (const cell of cells) {
            if (fixed.includes(cell)) continue;
            const r = cell.getBoundingClientRect();
            if (r.width > 0 && r.right > left + 1) problems.push(`${name}: "${cell.innerText.trim().slice(0, 30)}" is under the 操作 column (${Math.round(r.right)} > ${Math.round(left)})`);
          }
          for (const cell of fixed) {
            const actions = cell.querySelector('.row-actions');
            if (actions && actions.getBoundingClientRect().height > 32) problems.push(`${name}: the actions "${actions.innerText.trim()}" wrap`);
          }
        }
        if (row.classList.contains('el-table__row') && !row.closest('.el-table__expanded-cell')) {
          const h = row.getBoundingClientRect().height;
          if (h > 64) problems.push(`${name}: a row is ${Math.round(h)} px tall: "${row.innerText.replace(/\s+/g, ' ').slice(0, 50)}"`);
        }
      }
    }
    return problems;
  });
}

/**
 * Visible text of the page that is not data: ids (IdCell, monospace), inputs, and the names,
 * e-mails and other strings the world was made with are left out. What remains must be Chinese,
 * apart from the product terms below. An English word in it is a sentence from the server or an
 * untranslated label.
 */
const ALLOWED = new Set(
  ('AppID App SDK Key API ID IP UID Bundle iOS Android HarmonyOS Web3 Logo zip ZIP PNG JPEG PDF TXT CSV KB MB GB B TOTP CI SHA-256 Cove ' +
    'SemVer JSON CORS URL Webhook Webhooks OAuth https http Google Authenticator Microsoft Chrome Chromium HeadlessChrome Firefox Safari Edg node ' +
    // The CI command; the language switch's 文/A.
    'cove publish A').split(' '),
);
async function englishWords(page, dataStrings) {
  const text = await page.evaluate(() => {
    const skip = '[data-test=id-cell], .mono, code, input, textarea, [data-test=user-menu], .el-select__selected-item, [aria-hidden=true], script, style';
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest(skip) || el.getClientRects().length === 0) continue;
      if (getComputedStyle(el).visibility === 'hidden') continue;
      out.push(n.textContent);
    }
    return out.join('\n');
  });
  let rest = text.replace(/[\w.+-]+@[\w.-]+/g, ' ');
  for (const s of [...dataStrings].sort((a, b) => b.length - a.length)) rest = rest.split(s).join(' ');
  return [...new Set((rest.match(/[A-Za-z][A-Za-z0-9'’-]*/g) ?? []).filter((word) => !ALLOWED.has(word)))];
}

before(async () => {
  cove = await startCove({ binary: BINARY, adminEmail: ADMIN.email, adminPassword: ADMIN.password, artifacts: join(ARTIFACTS, 'polish') });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  w = await seedPolishWorld(cove.url, ADMIN);
  const me = await call('GET', '/api/v1/me', w.admin);
  w.adminName = me.user.name;
});

after(async () => {
  await browser?.close();
  await cove?.stop();
});

/** Every name the world was made with: data, not console text. */
function worldStrings() {
  const s = [MAIN_ORG, LONG_ORG_NAME, LONG_APP_NAME, 'Galaxy Wallet', 'Galaxy Draft', 'Polish Lite', 'Polish Super App with a rather long host application name', w.adminName,
    'tools', 'getUserWallet', 'scanInvoice', 'wallet', 'invoice', 'Share', 'share_to_chat', 'Polish Org Renamed', 'Polish Owner'];
  for (let i = 0; i <= 200; i += 1) s.push(`Contact ${i}`, `Owner ${i}`, `Pending Org ${String(i).padStart(2, '0')}`, `Polish App ${String(i).padStart(2, '0')}`);
  return s;
}

describe('tables at 1280 and 1024 px: the fixed 操作 column covers nothing, rows stay one line', () => {
  for (const locale of ['zh-CN', 'en-US']) {
    for (const width of [1280, 1024]) {
      test(`${locale} at ${width} px`, async () => {
        const ops = await signedIn(ADMIN, { width, locale });
        const owner = await signedIn(w.owner, { width, locale });
        const pages = [
          [ops, '/ops/orgs?status='],
          [ops, '/ops/apps'],
          [ops, '/ops/operators'],
          [ops, '/ops/base-libraries'],
          [ops, `/ops/apps/${w.releasedAppId}?tab=versions`],
          [owner, `/o/${w.orgId}/apps`],
          [owner, `/o/${w.orgId}/host-apps`],
          [owner, `/o/${w.orgId}/members`],
          [owner, `/o/${w.orgId}/api-keys`],
          [owner, `/o/${w.orgId}/uid-lists`],
        ];
        const problems = [];
        for (const [page, path] of pages) {
          await open(page, path);
          problems.push(...(await tableProblems(page)).map((p) => `${path}: ${p}`));
        }
        // The host app's associations, opened under its row, fit too.
        await open(owner, `/o/${w.orgId}/host-apps`);
        await owner.locator('[data-test=host-app-table] .el-table__row', { hasText: 'Polish Lite' }).locator('.el-table__expand-icon').click();
        await owner.locator('[data-test="assoc-panel-Polish Lite"] .el-table').waitFor();
        problems.push(...(await tableProblems(owner)).map((p) => `host-apps expanded: ${p}`));
        await shot(owner, `polish-host-apps-${locale}-${width}`);
        await open(ops, '/ops/apps');
        await shot(ops, `polish-ops-apps-${locale}-${width}`);
        assert.deepEqual(problems, []);
        await ops.context().close();
        await owner.context().close();
      });
    }
  }
});

describe('long names', () => {
  test('the 60-character mini-program name and the 100-character organisation name keep rows single-line, with a tooltip', async () => {
    const ops = await signedIn(ADMIN, { width: 1280 });
    // The organisation review, all statuses: the long-named organisation's row.
    await open(ops, `/ops/orgs?status=&q=${encodeURIComponent('星河')}`);
    const orgRow = ops.locator('[data-test=org-table] .el-table__row', { hasText: LONG_ORG_NAME.slice(0, 10) });
    await orgRow.waitFor();
    await assertSingleLineWithTooltip(ops, orgRow, LONG_ORG_NAME);
    // Its mini-programs in 全部小程序 show the organisation by name, cut with a tooltip.
    await open(ops, `/ops/apps?orgId=${w.longOrgId}`);
    const wallet = ops.locator('[data-test=platform-app-table] .el-table__row', { hasText: 'Galaxy Wallet' });
    await assertSingleLineWithTooltip(ops, wallet, LONG_ORG_NAME, '[data-test=org-link]');
    // The long mini-program name in the organisation's list.
    const owner = await signedIn(w.owner, { width: 1280 });
    await open(owner, `/o/${w.orgId}/apps?q=${encodeURIComponent('超长名称')}`);
    const appRow = owner.locator('[data-test=app-table] .el-table__row').first();
    await assertSingleLineWithTooltip(owner, appRow, LONG_APP_NAME);
    // Its detail page: the title is one line, the buttons stay beside it.
    await owner.goto(`${cove.url}/o/${w.orgId}/apps/${w.longAppId}`);
    const title = owner.locator('[data-test=app-title] h1');
    await title.waitFor();
    const t = await title.boundingBox();
    assert.ok(t.height < 40, `the title is ${t.height} px tall`);
    const button = await owner.locator('.head-actions .el-button').first().boundingBox();
    assert.ok(button.y < t.y + t.height, 'the actions went under the title');
    await shot(owner, 'polish-app-detail-long-name');
    await ops.context().close();
    await owner.context().close();
  });
});

async function assertSingleLineWithTooltip(page, row, fullText, within = null) {
  await row.waitFor();
  const box = await row.boundingBox();
  assert.ok(box.height <= 64, `the row is ${box.height} px tall`);
  const cell = within
    ? row.locator(within).locator('xpath=ancestor::*[contains(concat(" ", @class, " "), " cell ")][1]')
    : row.locator('td .cell', { hasText: fullText.slice(0, 8) }).first();
  const cut = await cell.evaluate((el) => el.scrollWidth > el.clientWidth);
  assert.ok(cut, 'the long text is not cut with an ellipsis');
  await cell.hover();
  const tip = page.locator('.el-popper', { hasText: fullText }).filter({ visible: true });
  await tip.first().waitFor({ timeout: 5000 });
  await page.mouse.move(0, 0);
}

describe('paging and filters live in the URL', () => {
  test('page, page size and filters survive a reload and Back; the bar shows the total', async () => {
    const owner = await signedIn(w.owner, { width: 1280 });
    const total = MAIN_APPS + 1;
    await open(owner, `/o/${w.orgId}/apps`);
    const bar = owner.locator('[data-test=pagination]');
    await bar.getByText(`共 ${total} 条`).waitFor();
    await shot(owner, 'polish-paginated-apps');
    await bar.locator('.el-pager li', { hasText: /^2$/ }).click();
    await owner.waitForURL(/[?&]page=2/);
    const firstOnPage2 = await owner.locator('[data-test=app-table] .el-table__row').first().innerText();
    await owner.reload();
    await owner.locator('[data-test=app-table] .el-table__row').first().waitFor();
    assert.equal(await owner.locator('[data-test=app-table] .el-table__row').first().innerText(), firstOnPage2);
    assert.equal((await bar.locator('.el-pager li.is-active').innerText()).trim(), '2');

    // Page size 10: six pages, back on page 1, kept in the URL.
    await bar.locator('.el-pagination__sizes .el-select').click();
    await owner.getByRole('option', { name: '10条/页', exact: true }).click();
    await owner.waitForURL(/[?&]size=10/);
    assert.doesNotMatch(owner.url(), /[?&]page=/);
    assert.equal(await owner.locator('[data-test=app-table] .el-table__row').count(), 10);
    assert.equal(await bar.locator('.el-pager li').last().innerText(), String(Math.ceil(total / 10)));

    // A filter from the filter bar, then a detail page, then Back: the same filtered page.
    await owner.fill('[data-test=app-search]', 'Polish App 1');
    await owner.press('[data-test=app-search]', 'Enter');
    await owner.waitForURL(/[?&]q=Polish/);
    await bar.getByText('共 10 条').waitFor(); // Polish App 10 … 19
    const url = owner.url();
    await owner.locator('[data-test=app-table] .el-table__row').first().click();
    await owner.waitForURL(/\/apps\/app_/);
    await owner.goBack();
    await owner.waitForURL(url);
    await bar.getByText('共 10 条').waitFor();
    assert.equal(await owner.inputValue('[data-test=app-search]'), 'Polish App 1');
    // 重置 clears the filters and the URL.
    await owner.click('[data-test=filter-reset]');
    await bar.getByText(`共 ${total} 条`).waitFor();
    assert.doesNotMatch(owner.url(), /q=/);
    await owner.context().close();
  });

  test('a status select defaults to 全部状态', async () => {
    const owner = await signedIn(w.owner);
    await open(owner, `/o/${w.orgId}/apps`);
    assert.match(await owner.locator('[data-test=app-status-filter]').innerText(), /全部状态/);
    await owner.context().close();
  });
});

describe('operators', () => {
  test('全部小程序 names each organisation, filters by it, and offers no 下架 on a never-released draft', async () => {
    const ops = await signedIn(ADMIN);
    await open(ops, '/ops/apps');
    const orgCells = await ops.locator('[data-test=platform-app-table] [data-test=org-link]').allInnerTexts();
    assert.ok(orgCells.length > 0);
    for (const text of orgCells) assert.doesNotMatch(text, /^org_/);
    await ops.goto(`${cove.url}/ops/apps?orgId=${w.longOrgId}`);
    const rows = ops.locator('[data-test=platform-app-table] .el-table__row');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 2);
    assert.match(await ops.locator('[data-test=org-filter]').innerText(), /星河/);
    const draft = rows.filter({ hasText: 'Galaxy Draft' });
    assert.equal(await draft.locator('[data-test=takedown]').count(), 0);
    const released = rows.filter({ hasText: 'Galaxy Wallet' });
    await released.locator('[data-test=takedown]').waitFor();
    await ops.context().close();
  });

  test('a row opens the read-only mini-program detail: versions and history, takedown there; breadcrumbs and tab title name it', async () => {
    const ops = await signedIn(ADMIN);
    await open(ops, `/ops/apps?orgId=${w.longOrgId}`);
    await ops.locator('[data-test=platform-app-table] [data-test=app-link]', { hasText: 'Galaxy Wallet' }).click();
    await ops.waitForURL(new RegExp(`/ops/apps/${w.releasedAppId}`));
    await ops.locator('[data-test=read-only-banner]').waitFor();
    assert.match(await ops.locator('[data-test=breadcrumbs]').innerText(), /运营端\s*\/\s*全部小程序\s*\/\s*Galaxy Wallet/);
    assert.match(await ops.title(), /^Galaxy Wallet · 小程序详情 · /);
    assert.match(await ops.locator('[data-test=app-org]').innerText(), /星河/);
    await ops.getByRole('tab', { name: '版本管理' }).click();
    const v = ops.locator('[data-test=version-table] .el-table__row', { hasText: '1.0.0' });
    await v.locator('[data-status=released]').waitFor();
    assert.equal(await ops.locator('[data-test=upload-version]').count(), 0);
    assert.equal(await v.locator('[data-test=release], [data-test=delete]').count(), 0);
    await shot(ops, 'polish-ops-app-detail');
    await ops.click('[data-test=takedown]');
    await confirmBox(ops, 'Galaxy Wallet', 'Polish e2e takedown');
    await ops.locator('[data-test=taken-down-banner]').getByText('Polish e2e takedown').waitFor();
    await ops.click('[data-test=restore]');
    await confirmBox(ops, 'Galaxy Wallet');
    await ops.locator('[data-test=taken-down-banner]').waitFor({ state: 'detached' });
    await ops.context().close();
  });

  test('the organisation drawer links to its mini-programs and host apps; the organisation console opens read-only', async () => {
    const ops = await signedIn(ADMIN);
    await open(ops, `/ops/orgs?status=active&q=${encodeURIComponent(MAIN_ORG)}`);
    await ops.locator('[data-test=org-table] .el-table__row', { hasText: MAIN_ORG }).locator('td').first().click();
    const drawer = ops.locator('[data-test=org-detail]');
    await drawer.locator('[data-test=org-links]').waitFor();
    await drawer.locator('[data-test=org-host-apps-link]').click();
    await ops.waitForURL(new RegExp(`/o/${w.orgId}/host-apps`));
    await ops.locator('[data-test=read-only-banner]').waitFor();
    await ops.locator('[data-test=host-app-table] .el-table__row', { hasText: 'Polish Lite' }).waitFor();
    assert.equal(await ops.locator('[data-test=create-host-app]').count(), 0);
    assert.equal(await ops.locator('[data-test="defs-Polish Lite"]').count(), 0);
    assert.match(await ops.locator('[data-test=breadcrumbs]').innerText(), new RegExp(`${MAIN_ORG}\\s*/\\s*宿主 App`));
    assert.equal(await ops.locator('[data-test=forbidden]').count(), 0);
    await shot(ops, 'polish-ops-read-only-host-apps');
    await ops.goBack();
    await ops.goto(`${cove.url}/ops/orgs?status=active&q=${encodeURIComponent(MAIN_ORG)}`);
    await ops.locator('[data-test=org-table] .el-table__row', { hasText: MAIN_ORG }).locator('td').first().click();
    await ops.locator('[data-test=org-apps-link]').click();
    await ops.waitForURL(new RegExp(`/ops/apps\\?orgId=${w.orgId}`));
    await ops.locator('[data-test=pagination]').getByText(`共 ${MAIN_APPS + 1} 条`).waitFor();
    await ops.context().close();
  });

  test('the workbench counts pending organisations; the menu shows the badge', async () => {
    const ops = await signedIn(ADMIN);
    await ops.waitForURL(/\/ops$/);
    const card = ops.locator('[data-test=overview-pendingOrgs]');
    await card.getByText(String(PENDING_ORGS)).waitFor();
    assert.match(await card.innerText(), /待审核机构/);
    assert.equal((await ops.locator('[data-test=badge-ops-orgs]').innerText()).trim(), String(PENDING_ORGS));
    assert.match(await ops.locator('[data-test=breadcrumbs]').innerText(), /运营端\s*\/\s*工作台/);
    await shot(ops, 'polish-ops-workbench');
    await card.click();
    await ops.waitForURL(/\/ops\/orgs/);
    await ops.context().close();
  });
});

describe('zh-CN pages show no English sentence', () => {
  test('every page of both consoles, in Chinese, apart from ids, names and product terms', async () => {
    const data = worldStrings();
    const ops = await signedIn(ADMIN);
    const owner = await signedIn(w.owner);
    const pages = [
      [ops, '/ops', '.page-header h1'],
      [ops, '/ops/orgs?status='],
      [ops, '/ops/apps'],
      [ops, `/ops/apps/${w.releasedAppId}`, '[data-test=app-title]'],
      [ops, `/ops/apps/${w.releasedAppId}?tab=versions`],
      [ops, '/ops/operators'],
      [ops, '/ops/base-libraries'],
      [ops, '/ops/settings', '[data-test=brand-product]'],
      [owner, `/o/${w.orgId}`, '[data-test=stat-apps]'],
      [owner, `/o/${w.orgId}/apps`],
      [owner, `/o/${w.orgId}/apps/${w.longAppId}`, '[data-test=app-title]'],
      [owner, `/o/${w.orgId}/host-apps`],
      [owner, `/o/${w.orgId}/uid-lists`],
      [owner, `/o/${w.orgId}/members`],
      [owner, `/o/${w.orgId}/api-keys`],
      [owner, `/o/${w.orgId}/settings`, '[data-test=org-name]'],
      [owner, '/account', '[data-test=profile-name]'],
    ];
    const found = {};
    for (const [page, path, ready] of pages) {
      await open(page, path, ready ?? '.el-table__row');
      const words = await englishWords(page, data);
      if (words.length) found[path] = words;
    }
    assert.deepEqual(found, {});
    await ops.context().close();
    await owner.context().close();
  });

  test('server errors reach zh-CN users in Chinese, next to the field they are about', async () => {
    const ops = await signedIn(ADMIN);
    const owner = await signedIn(w.owner);
    const errorTexts = [];
    const formError = async (page, scope) => {
      const el = page.locator(`${scope} .el-form-item__error`).filter({ visible: true }).first();
      await el.waitFor();
      return el.innerText();
    };

    // An operator with an existing e-mail.
    await open(ops, '/ops/operators');
    await ops.click('[data-test=create-operator]');
    await ops.fill('[data-test=operator-email]', w.owner.email);
    await ops.fill('[data-test=operator-name]', 'Someone');
    await ops.click('[data-test=operator-create-submit]');
    errorTexts.push(await formError(ops, '.el-dialog'));
    // A base library that exists.
    await call('POST', '/api/v1/platform/base-libraries', w.admin, { version: '3.2.0', notes: 'x' });
    await open(ops, '/ops/base-libraries');
    await ops.click('[data-test=create-base-library]');
    await ops.fill('[data-test=base-library-version]', '3.2.0');
    await ops.click('[data-test=base-library-save]');
    errorTexts.push(await formError(ops, '[data-test=base-library-dialog]'));
    // An invalid CORS origin.
    await ops.goto(`${cove.url}/ops/settings`);
    await ops.getByRole('tab', { name: '安全' }).click();
    const cors = ops.locator('[data-test=cors-origins] input');
    await cors.fill('not a url');
    await cors.press('Enter');
    await ops.locator('.el-tab-pane').filter({ visible: true }).getByRole('button', { name: '保存' }).click();
    errorTexts.push(await formError(ops, '.el-tab-pane'));
    await ops.reload(); // leave the unsaved settings behind
    await ops.context().close();

    // An invalid bundle id.
    await open(owner, `/o/${w.orgId}/host-apps`);
    await owner.click('[data-test=create-host-app]');
    await owner.fill('[data-test=host-app-name]', 'Bad Bundle');
    await owner.fill('[data-test=bundle-id-0]', 'not a bundle id!');
    await owner.click('[data-test=host-app-create-submit]');
    errorTexts.push(await formError(owner, '[data-test=create-host-app-dialog]'));
    await owner.keyboard.press('Escape');
    // A member with an existing e-mail.
    await open(owner, `/o/${w.orgId}/members`);
    await owner.click('[data-test=create-member]');
    await owner.fill('[data-test=member-name]', 'Someone');
    await owner.fill('[data-test=member-email]', ADMIN.email);
    await owner.fill('[data-test=member-password]', 'Some-Passw0rd-12345');
    await owner.click('[data-test=create-member-submit]');
    errorTexts.push(await formError(owner, '[data-test=create-member-dialog]'));
    await owner.keyboard.press('Escape');
    // A phone number "abc": the format, not "too short".
    await owner.goto(`${cove.url}/o/${w.orgId}/settings`);
    await owner.fill('[data-test=org-phone]', 'abc');
    await owner.click('[data-test=org-save]');
    const phone = await formError(owner, '.el-form');
    assert.match(phone, /电话号码/);
    assert.doesNotMatch(phone, /太短/);
    errorTexts.push(phone);
    await owner.fill('[data-test=org-phone]', '+86 10 5555 0303');
    await owner.click('[data-test=org-save]');
    await owner.locator('.el-message--success').first().waitFor();

    for (const text of errorTexts) {
      assert.ok(text.trim().length > 0);
      const words = (text.match(/[A-Za-z]{2,}/g) ?? []).filter((x) => !ALLOWED.has(x));
      assert.deepEqual(words, [], `"${text}" holds English`);
    }
    // A mini-program that does not exist: said so, and no 重试 (retrying cannot help).
    await owner.goto(`${cove.url}/o/${w.orgId}/apps/app_doesnotexist0000000000`);
    await owner.locator('[data-test=app-not-found]').waitFor();
    assert.equal(await owner.getByRole('button', { name: '重试' }).count(), 0);
    await owner.context().close();
  });
});

describe('the bugs the issue lists', () => {
  test('Enter in the tags input of the basic-info tab adds the tag and does not submit', async () => {
    const owner = await signedIn(w.owner);
    await owner.goto(`${cove.url}/o/${w.orgId}/apps/${w.longAppId}`);
    const input = owner.locator('[data-test=tag-input] input');
    await input.fill('新标签');
    await input.press('Enter');
    await owner.locator('[data-test=tag-input] .el-tag', { hasText: '新标签' }).waitFor();
    await owner.waitForTimeout(500);
    assert.equal(await owner.locator('.el-message--success').count(), 0, 'the form was submitted');
    await owner.click('[data-test=app-info-save]');
    await owner.locator('.el-message--success').first().waitFor();
    const app = await call('GET', `/api/v1/apps/${w.longAppId}`, w.token);
    assert.deepEqual(app.tags, ['新标签']);
    await owner.context().close();
  });

  test('choosing the same zip again after an upload is taken', async () => {
    const owner = await signedIn(w.owner);
    await owner.goto(`${cove.url}/o/${w.orgId}/apps/${w.longAppId}?tab=versions`);
    const zip = join(ARTIFACTS, 'polish-package.zip');
    writeFileSync(zip, miniProgramZip('Polish'));
    await owner.click('[data-test=upload-version]');
    await owner.fill('[data-test=version-input]', '1.0.0');
    await owner.setInputFiles('[data-test=package-input]', zip);
    await owner.click('[data-test=upload-submit]');
    await owner.locator('[data-test=upload-dialog]').waitFor({ state: 'hidden' });
    await owner.locator('[data-test=version-table] .el-table__row', { hasText: '1.0.0' }).waitFor();
    await owner.click('[data-test=upload-version]');
    await owner.setInputFiles('[data-test=package-input]', zip);
    await owner.locator('[data-test=upload-dialog] .file-name', { hasText: 'polish-package.zip' }).waitFor();
    await owner.fill('[data-test=version-input]', '1.0.1');
    await owner.click('[data-test=upload-submit]');
    await owner.locator('[data-test=version-table] .el-table__row', { hasText: '1.0.1' }).waitFor();
    await owner.context().close();
  });

  test('the one-time secret dialog closes only with 我已保存', async () => {
    const owner = await signedIn(w.owner);
    await open(owner, `/o/${w.orgId}/api-keys`);
    await owner.click('[data-test=create-key]');
    await owner.fill('[data-test=key-name]', 'Polish CI');
    await owner.click('[data-test=key-create-submit]');
    const dialog = owner.locator('[data-test=secret-dialog]').filter({ visible: true });
    await dialog.waitFor();
    await owner.keyboard.press('Escape');
    await owner.mouse.click(5, 5);
    await owner.waitForTimeout(400);
    assert.ok(await dialog.isVisible(), 'Esc or a click outside closed the secret dialog');
    assert.equal(await dialog.locator('.el-dialog__headerbtn').count(), 0);
    await dialog.locator('[data-test=secret-done]', { hasText: '我已保存' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // The key list's name column is 名称, not 姓名.
    assert.equal((await owner.locator('[data-test=key-table] th').first().innerText()).trim(), '名称');
    await owner.context().close();
  });

  test('role changes of members and operators ask first; cancelled, nothing changes', async () => {
    await call('POST', `/api/v1/orgs/${w.orgId}/members`, w.token, { email: 'dev@polish.example', name: 'Polish Dev', role: 'developer', initialPassword: 'Dev-Passw0rd-polish-1' });
    const owner = await signedIn(w.owner);
    await open(owner, `/o/${w.orgId}/members`);
    const row = owner.locator('[data-test=member-table] .el-table__row', { hasText: 'dev@polish.example' });
    await row.locator('[data-test=member-role]').click();
    await owner.locator('.el-select-dropdown__item', { hasText: '只读成员' }).filter({ visible: true }).click();
    const box = owner.locator('.confirm-box');
    await box.waitFor();
    assert.match(await box.innerText(), /Polish Dev/);
    await box.getByRole('button', { name: '取消' }).click();
    await box.waitFor({ state: 'hidden' });
    const members = await call('GET', `/api/v1/orgs/${w.orgId}/members`, w.token);
    assert.equal(members.items.find((m) => m.email === 'dev@polish.example').role, 'developer');
    assert.match(await row.locator('[data-test=member-role]').innerText(), /开发者/);
    await owner.context().close();

    await call('POST', '/api/v1/platform/operators', w.admin, { email: 'rita@polish.example', name: 'Rita Polish', role: 'platform_reviewer' });
    const ops = await signedIn(ADMIN);
    await open(ops, '/ops/operators');
    const op = ops.locator('[data-test=operator-table] .el-table__row', { hasText: 'rita@polish.example' });
    await op.locator('[data-test=operator-role]').click();
    await ops.locator('.el-select-dropdown__item', { hasText: '平台管理员' }).filter({ visible: true }).click();
    await confirmBox(ops, 'Rita Polish');
    await ops.locator('.el-message--success').first().waitFor();
    const operators = await call('GET', '/api/v1/platform/operators', w.admin);
    assert.equal(operators.items.find((u) => u.email === 'rita@polish.example').platformRole, 'platform_admin');
    await ops.context().close();
  });

  test('leaving a settings page with unsaved edits asks first', async () => {
    const owner = await signedIn(w.owner);
    await owner.goto(`${cove.url}/o/${w.orgId}/settings`);
    await owner.fill('[data-test=org-name]', 'Polish Org Renamed');
    await owner.locator('[data-test=nav-org-apps]').click();
    const box = owner.locator('.unsaved-box');
    await box.waitFor();
    await box.getByRole('button', { name: '留在本页' }).click();
    assert.match(owner.url(), /\/settings$/);
    assert.equal(await owner.inputValue('[data-test=org-name]'), 'Polish Org Renamed');
    await owner.locator('[data-test=nav-org-apps]').click();
    await box.getByRole('button', { name: '离开' }).click();
    await owner.waitForURL(/\/apps$/);
    await owner.context().close();
  });

  test('配额使用 shows usage against each limit', async () => {
    const owner = await signedIn(w.owner);
    await owner.goto(`${cove.url}/o/${w.orgId}/settings`);
    const apps = owner.locator('[data-test=quota-maxApps]');
    await apps.waitFor();
    assert.match(await apps.innerText(), new RegExp(`${MAIN_APPS + 1} / \\d+`));
    assert.match(await owner.locator('[data-test=quota-maxMembers]').innerText(), /\d+ \/ \d+/);
    await owner.context().close();
  });

  test('the account page renames the user', async () => {
    const owner = await signedIn(w.owner);
    await owner.goto(`${cove.url}/account`);
    await owner.fill('[data-test=profile-name]', 'Polish Owner');
    await owner.click('[data-test=profile-save]');
    await owner.locator('.el-message--success').first().waitFor();
    await owner.locator('[data-test=user-menu]', { hasText: 'Polish Owner' }).waitFor();
    const me = await call('GET', '/api/v1/me', w.token);
    assert.equal(me.user.name, 'Polish Owner');
    await owner.context().close();
  });

  test('no page threw a JavaScript error', () => {
    assert.deepEqual(pageErrors, []);
  });
});
