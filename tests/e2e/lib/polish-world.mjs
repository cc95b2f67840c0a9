// The data the console-polish story looks at, made through the API: enough organisations and
// mini-programs for several pages, names at their length limits (a 60-character mini-program name,
// a 100-character organisation name), a host app with several long bundle ids and custom APIs,
// a released mini-program and a never-released draft. Used by polish.test.mjs.
import { apiCall } from './ui.mjs';
import { approveVersion } from './review.mjs';
import { miniProgramZip } from './zip.mjs';

/** 60 characters: the longest mini-program name the console accepts. */
export const LONG_APP_NAME = '超长名称的小程序用于测试表格在一千二百八十像素宽度下是否仍然保持单行显示并且出现省略号与悬浮提示内容完整可见不会把操作按';
/** 100 characters: the longest organisation name. */
export const LONG_ORG_NAME = '北京星河璀璨数字科技与互联网信息服务有限公司上海分公司华东区域小程序生态合作运营中心第三事业部创新孵化实验室联合体测试用长名称机构甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥一二三四五六七八九十百千万';
export const MAIN_ORG = 'Polish Org';
/** With the main and the long-named organisation: 56 organisations, as the issue tried it. */
export const PENDING_ORGS = 54;
/** With the long-named one: 52 in the main organisation (three pages of 20), 54 mini-programs in all. */
export const MAIN_APPS = 51;

export async function seedPolishWorld(url, admin) {
  const call = (...args) => apiCall(url, ...args);
  if ([...LONG_APP_NAME].length !== 60) throw new Error(`LONG_APP_NAME has ${[...LONG_APP_NAME].length} characters`);
  if ([...LONG_ORG_NAME].length !== 100) throw new Error(`LONG_ORG_NAME has ${[...LONG_ORG_NAME].length} characters`);
  const w = {};
  w.admin = (await call('POST', '/api/v1/auth/login', null, admin)).accessToken;
  const register = (name, n) =>
    call('POST', '/api/v1/orgs/register', null, {
      name,
      licenseNo: `POLISH-2026-${String(n).padStart(3, '0')}`,
      contactName: `Contact ${n}`,
      contactEmail: `contact${n}@polish.example`,
      contactPhone: '+86 10 5555 0303',
      owner: { email: `owner${n}@polish.example`, password: `Owner-Passw0rd-${n}-polish`, name: `Owner ${n}` },
    });
  const login = (n) => call('POST', '/api/v1/auth/login', null, { email: `owner${n}@polish.example`, password: `Owner-Passw0rd-${n}-polish` });

  w.owner = { email: 'owner0@polish.example', password: 'Owner-Passw0rd-0-polish' };
  w.orgId = (await register(MAIN_ORG, 0)).id;
  w.longOrgId = (await register(LONG_ORG_NAME, 1)).id;
  for (let i = 0; i < PENDING_ORGS; i += 1) await register(`Pending Org ${String(i + 1).padStart(2, '0')}`, 100 + i);
  await call('POST', `/api/v1/platform/orgs/${w.orgId}/approve`, w.admin);
  await call('POST', `/api/v1/platform/orgs/${w.longOrgId}/approve`, w.admin);

  w.token = (await login(0)).accessToken;
  w.longToken = (await login(1)).accessToken;
  w.longAppId = (await call('POST', `/api/v1/orgs/${w.orgId}/apps`, w.token, { name: LONG_APP_NAME, summary: '名称恰好六十个字符', category: '工具' })).appId;
  for (let i = 0; i < MAIN_APPS; i += 1) {
    await call('POST', `/api/v1/orgs/${w.orgId}/apps`, w.token, { name: `Polish App ${String(i + 1).padStart(2, '0')}`, category: 'tools' });
  }
  // One released mini-program of the long-named organisation, and a draft of it that never was.
  w.releasedAppId = (await call('POST', `/api/v1/orgs/${w.longOrgId}/apps`, w.longToken, { name: 'Galaxy Wallet' })).appId;
  await call('PUT', `/api/v1/apps/${w.releasedAppId}/versions/1.0.0/package`, w.longToken, miniProgramZip('Galaxy Wallet'), 'application/zip');
  await approveVersion(url, w.longToken, w.admin, w.releasedAppId, '1.0.0');
  await call('POST', `/api/v1/apps/${w.releasedAppId}/versions/1.0.0/release`, w.longToken);
  w.draftAppId = (await call('POST', `/api/v1/orgs/${w.longOrgId}/apps`, w.longToken, { name: 'Galaxy Draft' })).appId;

  const host = await call('POST', `/api/v1/orgs/${w.orgId}/host-apps`, w.token, {
    name: 'Polish Super App with a rather long host application name',
    bundleIds: [
      { platform: 'ios', id: 'com.polish.enterprise.superapp.international.production' },
      { platform: 'android', id: 'com.polish.enterprise.superapp.international.production.android' },
      { platform: 'harmony', id: 'com.polish.enterprise.superapp.harmony' },
    ],
  });
  w.hostId = host.id;
  await call('PATCH', `/api/v1/host-apps/${host.id}`, w.token, {
    customApis: [{ name: 'getUserWallet', description: 'wallet' }, { name: 'scanInvoice', description: 'invoice' }],
    menus: [{ id: 'share_to_chat', title: 'Share' }],
  });
  await call('POST', `/api/v1/orgs/${w.orgId}/host-apps`, w.token, { name: 'Polish Lite', bundleIds: [{ platform: 'ios', id: 'com.polish.lite' }] });
  return w;
}
