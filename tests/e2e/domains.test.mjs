// Domains in the console, end to end: an organisation declares its mini-program's domains with an
// invalid one corrected at the field, verifies a business domain against a real TLS server on
// 127.0.0.1 (a CA made here; the server is configured to trust it and to allow the loopback
// address), and a signed runtime request shows the effective lists; an operator adds a
// whitelist host on the domain-lists page and the runtime hands it out too.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startCove } from './lib/server.mjs';
import { apiCall, confirmBox, screenshot } from './lib/ui.mjs';
import { miniProgramZip } from './lib/zip.mjs';
import { approveVersion } from './lib/review.mjs';
import { signedRuntimeGet } from './lib/auth.mjs';

const ARTIFACTS = process.env.COVE_E2E_ARTIFACTS ?? join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, 'artifacts');
const BINARY = process.env.COVE_BINARY;
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ADMIN = { email: 'domains-admin@example.com', password: 'Operator-Passw0rd-dom' };
const OWNER = { email: 'owner@domains.example', password: 'Owner-Passw0rd-dom', name: 'Dora Domain' };

assert.ok(BINARY, 'set COVE_BINARY to the cove binary (tests/e2e/run.sh does)');
mkdirSync(ARTIFACTS, { recursive: true });

let cove;
let browser;
let tls;
const shot = (page, name) => screenshot(page, ARTIFACTS, name);
const call = (...args) => apiCall(cove.url, ...args);
const s = {};

/** An HTTPS file server on 127.0.0.1 with a certificate for verify.example.com from a fresh CA. */
async function startTlsServer() {
  const dir = mkdtempSync(join(tmpdir(), 'cove-e2e-tls-'));
  const www = join(dir, 'www');
  mkdirSync(www);
  const f = (name) => join(dir, name);
  writeFileSync(f('ext.cnf'), 'subjectAltName=DNS:verify.example.com\nbasicConstraints=CA:FALSE\n');
  const ssl = (...args) => execFileSync('/usr/bin/openssl', args, { stdio: 'pipe' });
  ssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', f('ca.key'), '-out', f('ca.pem'),
    '-days', '1', '-subj', '/CN=Cove e2e CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  ssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', f('leaf.key'), '-out', f('leaf.csr'), '-subj', '/CN=verify.example.com');
  ssl('x509', '-req', '-in', f('leaf.csr'), '-CA', f('ca.pem'), '-CAkey', f('ca.key'), '-CAcreateserial', '-out', f('leaf.pem'), '-days', '1', '-extfile', f('ext.cnf'));
  writeFileSync(f('serve.py'), [
    'import http.server, os, ssl, sys',
    'os.chdir(sys.argv[1])',
    'class H(http.server.SimpleHTTPRequestHandler):',
    '    def log_message(self, *a): pass',
    "server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), H)",
    'ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)',
    'ctx.load_cert_chain(sys.argv[2], sys.argv[3])',
    'server.socket = ctx.wrap_socket(server.socket, server_side=True)',
    "print('PORT', server.server_address[1], flush=True)",
    'server.serve_forever()',
  ].join('\n'));
  const child = spawn('/usr/bin/python3', [f('serve.py'), www, f('leaf.pem'), f('leaf.key')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /PORT (\d+)\n/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', () => reject(new Error('the TLS file server exited')));
  });
  return {
    port, ca: f('ca.pem'),
    put: (name, content) => writeFileSync(join(www, name), content),
    stop: () => { child.kill('SIGTERM'); rmSync(dir, { recursive: true, force: true }); },
  };
}

async function runtime() {
  const res = await signedRuntimeGet(cove.url, `/runtime/v1/apps/${s.appId}?uid=u1`, s.host);
  assert.equal(res.status, 200);
  return res.json();
}

/** The runtime follows a commit within milliseconds; poll briefly instead of sleeping. */
async function awaitRuntime(check) {
  let last;
  for (let i = 0; i < 100; i += 1) {
    last = await runtime();
    if (check(last)) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  return last;
}

before(async () => {
  tls = await startTlsServer();
  // Verification may reach this test's loopback server, trusting its CA, for verify.example.com.
  process.env.COVE_DOMAINS_VERIFY_ALLOWPRIVATEADDRESSES = 'true';
  process.env.COVE_DOMAINS_VERIFY_CAFILE = tls.ca;
  process.env.COVE_DOMAINS_VERIFY_CONNECTTO = `verify.example.com:443:127.0.0.1:${tls.port}`;
  cove = await startCove({ binary: BINARY, adminEmail: ADMIN.email, adminPassword: ADMIN.password, artifacts: join(ARTIFACTS, 'domains') });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  s.admin = (await call('POST', '/api/v1/auth/login', null, ADMIN)).accessToken;
  const org = await call('POST', '/api/v1/orgs/register', null, {
    name: 'Domains Org', licenseNo: 'DOM-2026-001', contactName: 'Dora', contactEmail: 'dora@domains.example',
    contactPhone: '+86 21 5555 0102', owner: OWNER,
  });
  s.orgId = org.id;
  await call('POST', `/api/v1/platform/orgs/${s.orgId}/approve`, s.admin);
  s.token = (await call('POST', '/api/v1/auth/login', null, { email: OWNER.email, password: OWNER.password })).accessToken;
  s.appId = (await call('POST', `/api/v1/orgs/${s.orgId}/apps`, s.token, { name: 'Domain Weather' })).appId;
  await call('PUT', `/api/v1/apps/${s.appId}/versions/1.0.0/package`, s.token, miniProgramZip('Domain Weather', 16 * 1024), 'application/zip');
  await approveVersion(cove.url, s.token, s.admin, s.appId, '1.0.0');  // review is on by default
  await call('POST', `/api/v1/apps/${s.appId}/versions/1.0.0/release`, s.token);
  const host = await call('POST', `/api/v1/orgs/${s.orgId}/host-apps`, s.token, {
    name: 'Domain Host', bundleIds: [{ platform: 'ios', id: 'com.domains.host' }],
  });
  await call('PUT', `/api/v1/host-apps/${host.id}/apps/${s.appId}`, s.token);
  s.host = { sdkKey: host.sdkKey, sdkSecret: host.sdkSecret, bundleId: 'com.domains.host' };
});

after(async () => {
  await browser?.close();
  await cove?.stop();
  tls?.stop();
});

async function signIn(user) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(`${cove.url}/sign-in`);
  await page.fill('[data-test=email]', user.email);
  await page.fill('[data-test=password]', user.password);
  await page.click('[data-test=sign-in-submit]');
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
  return page;
}

describe('domains in the console', () => {
  let page;
  before(async () => {
    page = await signIn(OWNER);
  });

  test('an IP address is refused at its field, corrected, and the lists are saved', async () => {
    await page.goto(`${cove.url}/o/${s.orgId}/apps/${s.appId}?tab=domains`);
    const tab = page.locator('[data-test=domains-tab]');
    await tab.waitFor();
    await tab.locator('[data-test=domains-add-request]').click();
    await tab.locator('[data-test=domains-request-0] input').fill('https://api.example.com');
    await tab.locator('[data-test=domains-add-request]').click();
    await tab.locator('[data-test=domains-request-1] input').fill('https://0x7f.1');
    await tab.locator('[data-test=domains-add-webview]').click();
    await tab.locator('[data-test=domains-webview-0] input').fill('https://verify.example.com');
    await tab.locator('[data-test=domains-save]').click();
    const error = tab.locator('[data-test=domains-request-1] .el-form-item__error');
    await error.waitFor();
    assert.match(await error.innerText(), /IP/);
    await shot(page, 'domains-01-invalid-at-field');
    // Corrected: the IP row goes, and the push host moves to the socket list where wss:// belongs.
    await tab.locator('[data-test=domains-request-1] button', { hasText: '移除' }).click();
    await tab.locator('[data-test=domains-add-socket]').click();
    await tab.locator('[data-test=domains-socket-0] input').fill('wss://push.example.com');
    await tab.locator('[data-test=domains-save]').click();
    await tab.locator('[data-test=verification-status][data-status=unverified]').waitFor();
    const stored = await call('GET', `/api/v1/apps/${s.appId}/domains`, s.token);
    assert.deepEqual(stored.request, ['https://api.example.com']);
    assert.deepEqual(stored.socket, ['wss://push.example.com']);
    assert.deepEqual(stored.webview, ['https://verify.example.com']);
  });

  test('the business domain is verified against the local TLS server', async () => {
    const file = await call('GET', `/api/v1/orgs/${s.orgId}/domain-verification`, s.token);
    tls.put(file.fileName, file.content);
    const tab = page.locator('[data-test=domains-tab]');
    await tab.locator('[data-test=verify-domain]').click();
    await tab.locator('[data-test=verification-status][data-status=verified]').waitFor();
    await shot(page, 'domains-02-verified');
  });

  test('a signed runtime answer carries the effective lists', async () => {
    const answer = await awaitRuntime((a) => a.domains?.webview?.length === 1);
    assert.deepEqual(answer.domains.request, ['https://api.example.com']);
    assert.deepEqual(answer.domains.socket, ['wss://push.example.com']);
    assert.deepEqual(answer.domains.webview, ['https://verify.example.com']);
  });
});

describe('platform domain lists', () => {
  let page;
  before(async () => {
    page = await signIn(ADMIN);
  });

  test('an operator adds a whitelist host and the runtime hands it out', async () => {
    await page.goto(`${cove.url}/ops/domain-lists`);
    const card = page.locator('[data-test=domain-whitelist]');
    await card.waitFor();
    await card.locator('[data-test=list-host]').fill('cdn.platform.example');
    await card.locator('[data-test=list-add-whitelist]').click();
    await card.locator('.el-table__row', { hasText: 'cdn.platform.example' }).waitFor();
    await shot(page, 'domains-03-whitelist');
    const answer = await awaitRuntime((a) => a.domains?.download?.includes('https://cdn.platform.example'));
    assert.ok(answer.domains.request.includes('https://cdn.platform.example'));
    assert.ok(answer.domains.socket.includes('wss://cdn.platform.example'));
    // Removing it asks first, naming the host.
    await card.locator('[data-test="list-remove-cdn.platform.example"]').click();
    await confirmBox(page, 'cdn.platform.example');
    await card.locator('.el-table__row', { hasText: 'cdn.platform.example' }).waitFor({ state: 'detached' });
  });

  test('an operator uploads a certificate and sees it by expiry, with its details', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cove-e2e-cert-'));
    execFileSync('/usr/bin/openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
      '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'c.pem'), '-days', '20', '-subj', '/CN=api.platform.example',
      '-addext', 'subjectAltName=DNS:api.platform.example'], { stdio: 'pipe' });
    const cert = readFileSync(join(dir, 'c.pem'), 'utf8');
    const key = readFileSync(join(dir, 'k.pem'), 'utf8');
    rmSync(dir, { recursive: true, force: true });
    await page.goto(`${cove.url}/ops/certificates`);
    await page.click('[data-test=certificate-upload]');
    const dialog = page.locator('[data-test=certificate-dialog]');
    await dialog.waitFor();
    await dialog.locator('[data-test=certificate-pem]').fill(cert);
    await dialog.locator('[data-test=certificate-key]').fill('-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----\n');
    await dialog.locator('[data-test=certificate-submit]').click();
    await dialog.locator('.el-form-item__error').waitFor();
    await dialog.locator('[data-test=certificate-key]').fill(key);
    await dialog.locator('[data-test=certificate-submit]').click();
    const row = page.locator('[data-test=certificate-table] .el-table__row', { hasText: 'api.platform.example' });
    await row.waitFor();
    assert.equal(await row.locator('[data-expiry]').getAttribute('data-expiry'), 'warning'); // under 30 days
    await row.locator('a', { hasText: 'api.platform.example' }).click();
    await page.locator('[data-test=certificate-detail]', { hasText: 'SHA-256' }).waitFor();
    await shot(page, 'domains-04-certificate');
  });
});
