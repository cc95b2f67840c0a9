// Typed calls, one per route the console uses. Components import `api`, never fetch.
import { ApiClient, fillPath, type Query, type UploadOptions } from './http';
import { routes, type RouteName } from './routes';
import type * as T from './types';

export * from './http';
export type * from './types';

export const client = new ApiClient();

type Params = Record<string, string>;

function call<R>(name: RouteName, params: Params = {}, opts: { query?: Query; body?: unknown } = {}): Promise<R> {
  const [method, template] = routes[name];
  return client.request<R>(method, fillPath(template, params), {
    ...opts,
    noRefresh: name === 'login' || name === 'refresh' || name === 'setup',
  });
}

function blob(name: RouteName, params: Params): Promise<Blob> {
  const [method, template] = routes[name];
  return client.request<Blob>(method, fillPath(template, params), { responseType: 'blob' });
}

function upload<R>(name: RouteName, params: Params, file: Blob, opts: UploadOptions = {}): Promise<R> {
  const [method, template] = routes[name];
  return client.upload<R>(method, fillPath(template, params), file, opts);
}

export interface ListQuery extends Query {
  limit?: number;
  cursor?: string;
}

export const api = {
  login: (body: { email: string; password: string; totp?: string; recoveryCode?: string }) =>
    call<T.SessionGrant>('login', {}, { body }),
  logout: () => call<void>('logout'),
  changePassword: (body: { currentPassword: string; newPassword: string }) => call<void>('changePassword', {}, { body }),
  totpEnroll: () => call<T.TotpEnrollment>('totpEnroll'),
  totpConfirm: (code: string) => call<{ recoveryCodes: string[] }>('totpConfirm', {}, { body: { code } }),
  totpDisable: (body: { password: string; code: string }) => call<void>('totpDisable', {}, { body }),
  me: () => call<T.Me>('me'),
  sessions: (query: ListQuery = {}) => call<T.Page<T.Session>>('sessions', {}, { query }),
  revokeSession: (sessionId: string) => call<void>('revokeSession', { sessionId }),
  branding: () => call<T.Branding>('branding'),
  setupStatus: () => call<{ available: boolean }>('setupStatus'),
  setup: (body: { token: string; email: string; name: string; password: string }) => call<T.User>('setup', {}, { body }),

  registerOrg: (body: T.OrgRegistration) => call<{ id: string; status: T.OrgStatus }>('registerOrg', {}, { body }),
  org: (orgId: string) => call<T.OrgDetails>('org', { orgId }),
  updateOrg: (
    orgId: string,
    body: Partial<Pick<T.Org, 'name' | 'contactName' | 'contactEmail' | 'contactPhone' | 'require2fa'>>,
  ) => call<T.OrgDetails>('updateOrg', { orgId }, { body }),
  licenseAttachment: (orgId: string) => blob('licenseAttachment', { orgId }),
  uploadLicense: (orgId: string, file: File) =>
    upload<T.Attachment>('uploadLicense', { orgId }, file, { query: { filename: file.name } }),

  platformOrgs: (query: ListQuery & { status?: T.OrgStatus | ''; q?: string }) =>
    call<T.Page<T.Org>>('platformOrgs', {}, { query }),
  platformOrg: (orgId: string) => call<T.OrgDetails>('platformOrg', { orgId }),
  approveOrg: (orgId: string) => call<T.Org>('approveOrg', { orgId }),
  rejectOrg: (orgId: string, reason: string) => call<T.Org>('rejectOrg', { orgId }, { body: { reason } }),
  suspendOrg: (orgId: string, reason: string) => call<T.Org>('suspendOrg', { orgId }, { body: { reason } }),
  reactivateOrg: (orgId: string) => call<T.Org>('reactivateOrg', { orgId }),
  platformApps: (query: ListQuery & { status?: T.AppStatus | ''; q?: string; orgId?: string }) =>
    call<T.Page<T.App>>('platformApps', {}, { query }),
  takedownApp: (appId: string, reason: string) => call<T.App>('takedownApp', { appId }, { body: { reason } }),
  restoreApp: (appId: string) => call<T.App>('restoreApp', { appId }),

  operators: (query: ListQuery = {}) => call<T.Page<T.User>>('operators', {}, { query }),
  createOperator: (body: { email: string; name: string; role: T.PlatformRole }) =>
    call<{ user: T.User; temporaryPassword?: string }>('createOperator', {}, { body }),
  updateOperator: (userId: string, body: { role?: T.PlatformRole; status?: T.User['status'] }) =>
    call<T.User>('updateOperator', { userId }, { body }),
  removeOperator: (userId: string) => call<void>('removeOperator', { userId }),
  brandingSettings: () => call<T.BrandingSettings>('brandingSettings'),
  updateBranding: (body: Partial<Pick<T.Branding, 'productName' | 'loginTitle' | 'loginText' | 'copyright'>>) =>
    call<T.BrandingSettings>('updateBranding', {}, { body }),
  uploadBrandingImage: (image: T.BrandingImage, file: Blob) =>
    upload<T.BrandingSettings>(image === 'logo' ? 'uploadLogo' : image === 'loginImage' ? 'uploadLoginImage' : 'uploadFavicon', {}, file),
  deleteBrandingImage: (image: T.BrandingImage) =>
    call<T.BrandingSettings>(image === 'logo' ? 'deleteLogo' : image === 'loginImage' ? 'deleteLoginImage' : 'deleteFavicon'),
  securitySettings: () => call<T.SecuritySettings>('securitySettings'),
  updateSecurity: (body: Partial<T.SecuritySettings>) => call<T.SecuritySettings>('updateSecurity', {}, { body }),
  quotaDefaults: () => call<T.Quotas>('quotaDefaults'),
  updateQuotaDefaults: (body: Partial<T.Quotas>) => call<T.Quotas>('updateQuotaDefaults', {}, { body }),
  orgQuotas: (orgId: string) => call<T.OrgQuotas>('orgQuotas', { orgId }),
  /** Replaces the organisation's overrides: a null (or absent) field falls back to the platform default. */
  updateOrgQuotas: (orgId: string, body: T.QuotaOverrides) => call<T.OrgQuotas>('updateOrgQuotas', { orgId }, { body }),
  updateOrgSecurity: (orgId: string, require2fa: boolean) => call<T.Org>('updateOrgSecurity', { orgId }, { body: { require2fa } }),
  baseLibraries: (query: ListQuery = {}) => call<T.Page<T.BaseLibrary>>('baseLibraries', {}, { query }),
  createBaseLibrary: (body: { version: string; notes?: string }) => call<T.BaseLibrary>('createBaseLibrary', {}, { body }),
  updateBaseLibrary: (version: string, body: { status?: T.BaseLibrary['status']; notes?: string }) =>
    call<T.BaseLibrary>('updateBaseLibrary', { version }, { body }),
  deleteBaseLibrary: (version: string) => call<void>('deleteBaseLibrary', { version }),

  orgApps: (orgId: string, query: ListQuery & { status?: T.AppStatus | ''; q?: string; category?: string } = {}) =>
    call<T.Page<T.App>>('orgApps', { orgId }, { query }),
  createApp: (orgId: string, body: T.AppInput) => call<T.App>('createApp', { orgId }, { body }),
  app: (appId: string) => call<T.App>('app', { appId }),
  updateApp: (appId: string, body: T.AppInput) => call<T.App>('updateApp', { appId }, { body }),
  deleteApp: (appId: string) => call<void>('deleteApp', { appId }),
  appOffline: (appId: string) => call<T.App>('appOffline', { appId }),
  appOnline: (appId: string) => call<T.App>('appOnline', { appId }),
  appIcon: (appId: string) => blob('appIcon', { appId }),
  uploadIcon: (appId: string, file: Blob) => upload<T.Attachment>('uploadIcon', { appId }, file),
  auditCertificate: (appId: string) => blob('auditCertificate', { appId }),
  uploadAuditCertificate: (appId: string, file: File) =>
    upload<T.Attachment>('uploadAuditCertificate', { appId }, file, { query: { filename: file.name } }),
  versions: (appId: string, query: ListQuery = {}) => call<T.Page<T.Version>>('versions', { appId }, { query }),
  compareVersions: (appId: string, from: string, to: string) =>
    call<T.VersionComparison>('compareVersions', { appId }, { query: { from, to } }),
  uploadPackage: (appId: string, version: string, file: Blob, opts: UploadOptions = {}) =>
    upload<T.Version>('uploadPackage', { appId, version }, file, opts),
  downloadPackage: (appId: string, version: string) => blob('downloadPackage', { appId, version }),
  updateVersion: (appId: string, version: string, body: { changelog?: string }) =>
    call<T.Version>('updateVersion', { appId, version }, { body }),
  deleteVersion: (appId: string, version: string) => call<void>('deleteVersion', { appId, version }),
  releaseVersion: (appId: string, version: string) => call<T.Version>('releaseVersion', { appId, version }),
  rollbackVersion: (appId: string, version: string) => call<T.Version>('rollbackVersion', { appId, version }),

  hostApps: (orgId: string, query: ListQuery & { q?: string } = {}) =>
    call<T.Page<T.HostApp>>('hostApps', { orgId }, { query }),
  createHostApp: (orgId: string, body: { name: string; bundleIds: T.BundleId[] }) =>
    call<T.HostAppWithSecret>('createHostApp', { orgId }, { body }),
  hostApp: (hostAppId: string) => call<T.HostApp>('hostApp', { hostAppId }),
  updateHostApp: (hostAppId: string, body: T.HostAppUpdate) => call<T.HostApp>('updateHostApp', { hostAppId }, { body }),
  deleteHostApp: (hostAppId: string) => call<void>('deleteHostApp', { hostAppId }),
  rotateHostAppSecret: (hostAppId: string) => call<T.HostAppWithSecret>('rotateHostAppSecret', { hostAppId }),
  hostAppAssociations: (hostAppId: string, query: ListQuery = {}) =>
    call<T.Page<T.HostAppAssociation>>('hostAppAssociations', { hostAppId }, { query }),
  /** Associates (idempotent); with grants, replaces the association's allowed APIs and menus. */
  associate: (hostAppId: string, appId: string, grants?: T.HostAppGrants) =>
    call<T.HostAppAssociation>('associate', { hostAppId, appId }, grants ? { body: grants } : {}),
  dissociate: (hostAppId: string, appId: string) => call<void>('dissociate', { hostAppId, appId }),

  members: (orgId: string, query: ListQuery = {}) => call<T.Page<T.Member>>('members', { orgId }, { query }),
  createMember: (orgId: string, body: { email: string; name: string; role: T.OrgRole; initialPassword: string }) =>
    call<T.Member & { temporaryPassword?: string }>('createMember', { orgId }, { body }),
  updateMember: (orgId: string, userId: string, role: T.OrgRole) =>
    call<T.Member>('updateMember', { orgId, userId }, { body: { role } }),
  removeMember: (orgId: string, userId: string) => call<void>('removeMember', { orgId, userId }),
  resetMemberPassword: (orgId: string, userId: string) =>
    call<{ temporaryPassword: string }>('resetMemberPassword', { orgId, userId }),
  invitations: (orgId: string, query: ListQuery = {}) =>
    call<T.Page<T.Invitation>>('invitations', { orgId }, { query }),
  invite: (orgId: string, body: { email: string; role: T.Invitation['role'] }) =>
    call<T.Invitation>('invite', { orgId }, { body }),
  invitationInfo: (token: string) => call<T.InvitationInfo>('invitationInfo', { token }),
  /** Signed in: no body (the account's email must match); otherwise creates the account. */
  acceptInvitation: (token: string, newAccount?: { name: string; password: string }) =>
    call<{ orgId: string; userId: string; role: T.OrgRole; accountCreated: boolean }>('acceptInvitation', { token }, { body: newAccount ?? {} }),
  revokeInvitation: (orgId: string, invitationId: string) => call<void>('revokeInvitation', { orgId, invitationId }),

  apiKeys: (orgId: string, query: ListQuery = {}) => call<T.Page<T.ApiKey>>('apiKeys', { orgId }, { query }),
  createApiKey: (orgId: string, body: { name: string; scopes: string[]; expiresInDays?: number }) =>
    call<T.ApiKeyWithSecret>('createApiKey', { orgId }, { body }),
  rotateApiKey: (orgId: string, keyId: string, graceHours: number) =>
    call<T.ApiKeyWithSecret>('rotateApiKey', { orgId, keyId }, { body: { graceHours } }),
  revokeApiKey: (orgId: string, keyId: string) => call<void>('revokeApiKey', { orgId, keyId }),
};
