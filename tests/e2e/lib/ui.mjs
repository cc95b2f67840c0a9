// Helpers every console e2e file uses: screenshots of the steady screen, the confirmation box
// (which must name the object), and JSON API calls for setting up state.
import assert from 'node:assert/strict';
import { join } from 'node:path';

/** Saves a full-page screenshot as `<dir>/<name>.png` once the page has settled. */
export async function screenshot(page, dir, name) {
  await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => {});
  await page.waitForTimeout(250); // let transitions settle so the picture is the steady screen
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

/** Accepts the confirmation box, checking that it names the object first (and typing a reason). */
export async function confirmBox(page, mustName, reason) {
  const box = page.locator('.confirm-box');
  await box.waitFor();
  assert.match(await box.innerText(), new RegExp(mustName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  if (reason !== undefined) await box.locator('textarea').fill(reason);
  await box.locator('.el-message-box__btns button').last().click();
  await box.waitFor({ state: 'hidden' });
}

/** A JSON (or raw, with `contentType`) API call that must succeed; returns the parsed answer. */
export async function apiCall(baseUrl, method, path, token, body, contentType = 'application/json') {
  const res = await fetch(baseUrl + path, {
    method,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'Content-Type': contentType } : {}) },
    body: body === undefined ? undefined : contentType === 'application/json' ? JSON.stringify(body) : body,
  });
  const text = await res.text();
  assert.ok(res.ok, `${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/**
 * Load timings of the page in view (ms since navigation start) and the /assets/ files it loaded.
 * Chromium reports first contentful paint a little after the frame is shown, so it is awaited
 * (up to 5 s; null if none came). Recorded by the e2e suite, measured by bench/console_paint.sh.
 */
export async function loadTimings(page) {
  return page.evaluate(async () => {
    const paint = await new Promise((resolve) => {
      const timer = setTimeout(() => resolve(null), 5000);
      new PerformanceObserver((list, observer) => {
        const fcp = list.getEntries().find((e) => e.name === 'first-contentful-paint');
        if (!fcp) return;
        clearTimeout(timer);
        observer.disconnect();
        resolve(fcp.startTime);
      }).observe({ type: 'paint', buffered: true });
    });
    const nav = performance.getEntriesByType('navigation')[0];
    const assets = performance.getEntriesByType('resource').filter((r) => r.name.includes('/assets/'));
    return {
      firstContentfulPaintMs: paint,
      domContentLoadedMs: nav?.domContentLoadedEventEnd ?? null,
      // Bytes on the wire (gzip) and decoded of the script and style files the page loaded.
      assetFiles: assets.length,
      assetBytesEncoded: assets.reduce((n, r) => n + r.encodedBodySize, 0),
      assetBytesDecoded: assets.reduce((n, r) => n + r.decodedBodySize, 0),
    };
  });
}

/**
 * A fresh browser context signed in through the sign-in form, in `locale` (the console's language
 * is the user's choice, kept in localStorage, not the browser's). Uncaught page errors go to
 * `pageErrors` when given. Resolves once the console has left the sign-in page.
 */
export async function signInPage(browser, baseUrl, { email, password }, { width = 1280, height = 860, locale = 'zh-CN', pageErrors, downloads = false } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, locale, acceptDownloads: downloads });
  await context.addInitScript((l) => localStorage.setItem('cove.locale', l), locale);
  const page = await context.newPage();
  if (pageErrors) page.on('pageerror', (e) => pageErrors.push(String(e)));
  await page.goto(`${baseUrl}/sign-in`);
  await page.fill('[data-test=email]', email);
  await page.fill('[data-test=password]', password);
  await page.click('[data-test=sign-in-submit]');
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
  return page;
}
