// Certificates served by SNI, end to end: Cove started with TLS (a default certificate made here),
// an operator uploads a platform certificate on the 证书管理 page and a TLS client (node's
// tls.connect with servername) is handed it at once — an unknown name still gets the default; then
// the operator has Cove generate a key and a CSR with the form, a CA made here signs the CSR shown
// in the drawer, and uploading the signed certificate makes it the one served for its name.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { chromium } from 'playwright-core';
import { startCove } from './lib/server.mjs';
import { screenshot, signInPage } from './lib/ui.mjs';

const ARTIFACTS = process.env.COVE_E2E_ARTIFACTS ?? join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, 'artifacts');
const BINARY = process.env.COVE_BINARY;
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ADMIN = { email: 'certs-admin@example.com', password: 'Operator-Passw0rd-crt' };
assert.ok(BINARY, 'set COVE_BINARY to the cove binary (tests/e2e/run.sh does)');
// The server's certificates are self-signed test ones: this process's own HTTPS calls (start-up
// checks) accept them; what is served is checked below by fingerprint instead.
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';

const dir = mkdtempSync(join(tmpdir(), 'cove-e2e-sni-'));
const f = (name) => join(dir, name);
const ssl = (...args) => execFileSync('/usr/bin/openssl', args, { stdio: 'pipe' });
function selfSigned(name) {
  ssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', f(`${name}.key`), '-out', f(`${name}.pem`),
    '-days', '30', '-subj', `/CN=${name}`, '-addext', `subjectAltName=DNS:${name}`);
  return { cert: readFileSync(f(`${name}.pem`), 'utf8'), key: readFileSync(f(`${name}.key`), 'utf8') };
}
const fingerprint = (pem) => new X509Certificate(pem).fingerprint256;

/** The fingerprint of the certificate Cove presents to a fresh handshake naming `servername`. */
function served(url, servername) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: hostname, port: Number(port), servername, rejectUnauthorized: false }, () => {
      const fp = socket.getPeerCertificate().fingerprint256;
      socket.end();
      resolve(fp);
    });
    socket.on('error', reject);
  });
}

let cove;
let browser;
let page;
const shot = (name) => screenshot(page, ARTIFACTS, name);

before(async () => {
  selfSigned('default.e2e.test');
  cove = await startCove({
    binary: BINARY, adminEmail: ADMIN.email, adminPassword: ADMIN.password, artifacts: ARTIFACTS,
    env: { COVE_HTTP_TLS_CERT: f('default.e2e.test.pem'), COVE_HTTP_TLS_KEY: f('default.e2e.test.key') },
  });
  assert.match(cove.url, /^https:/);
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage', '--ignore-certificate-errors'] });
  page = await signInPage(browser, cove.url, ADMIN);
});

after(async () => {
  await browser?.close();
  await cove?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('platform certificates served by SNI', () => {
  const fallback = () => fingerprint(readFileSync(f('default.e2e.test.pem'), 'utf8'));

  test('an uploaded certificate is served for its name at once; other names get the default', async () => {
    assert.equal(await served(cove.url, 'shop.e2e.test'), fallback());
    const shop = selfSigned('shop.e2e.test');
    await page.goto(`${cove.url}/ops/certificates`);
    await page.click('[data-test=certificate-upload]');
    const dialog = page.locator('[data-test=certificate-dialog]');
    await dialog.waitFor();
    await dialog.locator('[data-test=certificate-pem]').fill(shop.cert);
    await dialog.locator('[data-test=certificate-key]').fill(shop.key);
    await dialog.locator('[data-test=certificate-submit]').click();
    await page.locator('[data-test=certificate-table] .el-table__row', { hasText: 'shop.e2e.test' }).waitFor();
    assert.equal(await served(cove.url, 'shop.e2e.test'), fingerprint(shop.cert));
    assert.equal(await served(cove.url, 'unknown.e2e.test'), fallback());
    await shot('certificates-01-uploaded');
  });

  test('a CSR generated in the console, signed by a CA, completes a served certificate', async () => {
    await page.click('[data-test=csr-generate]');
    const dialog = page.locator('[data-test=csr-dialog]');
    await dialog.waitFor();
    // An IP address is refused at the names field, then corrected.
    await dialog.locator('[data-test=csr-names]').fill('pay.e2e.test\n127.0.0.1');
    await dialog.locator('[data-test=csr-submit]').click();
    await dialog.locator('.el-form-item__error').waitFor();
    await dialog.locator('[data-test=csr-names]').fill('pay.e2e.test\n*.pay.e2e.test');
    await dialog.locator('[data-test=csr-submit]').click();
    const drawer = page.locator('[data-test=csr-detail]');
    const pem = drawer.locator('[data-test=csr-pem]');
    await pem.waitFor();
    const csr = await pem.textContent();
    assert.match(csr, /BEGIN CERTIFICATE REQUEST/);
    await shot('certificates-02-csr');

    // The CA signs the request as shown (its names copied into the certificate).
    writeFileSync(f('pay.csr'), csr);
    ssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', f('ca.key'), '-out', f('ca.pem'),
      '-days', '2', '-subj', '/CN=Cove e2e CSR CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign');
    ssl('x509', '-req', '-in', f('pay.csr'), '-CA', f('ca.pem'), '-CAkey', f('ca.key'), '-CAcreateserial', '-days', '1',
      '-copy_extensions', 'copy', '-out', f('pay.pem'));
    const chain = readFileSync(f('pay.pem'), 'utf8') + readFileSync(f('ca.pem'), 'utf8');

    await drawer.getByRole('button', { name: '上传签发证书' }).click();
    const signed = page.locator('[data-test=csr-signed-dialog]');
    await signed.waitFor();
    await signed.locator('[data-test=csr-signed-pem]').fill(chain);
    await signed.locator('[data-test=csr-signed-submit]').click();
    await page.locator('[data-test=certificate-table] .el-table__row', { hasText: 'pay.e2e.test' }).waitFor();
    await page.locator('[data-test=csr-table]').waitFor({ state: 'detached' });
    const leaf = fingerprint(readFileSync(f('pay.pem'), 'utf8'));
    assert.equal(await served(cove.url, 'pay.e2e.test'), leaf);
    assert.equal(await served(cove.url, 'api.pay.e2e.test'), leaf);  // the wildcard, one label
    await shot('certificates-03-completed');
  });
});
