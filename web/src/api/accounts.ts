// The accounts module: sign-in and the signed-in user, platform setup and branding, organisations
// and their review by operators, operators, platform settings, members, invitations, API keys.
import { bindRoutes, type AnswerOf, type BodyOf, type ListQuery, type QueryOf, type RouteTable, type Schemas } from './client';

export const accountsRoutes = {
  login: ['POST', '/api/v1/auth/login'],
  logout: ['POST', '/api/v1/auth/logout'],
  refresh: ['POST', '/api/v1/auth/refresh'],
  changePassword: ['POST', '/api/v1/auth/password'],
  totpEnroll: ['POST', '/api/v1/auth/2fa/enroll'],
  totpConfirm: ['POST', '/api/v1/auth/2fa/confirm'],
  totpDisable: ['POST', '/api/v1/auth/2fa/disable'],
  me: ['GET', '/api/v1/me'],
  updateMe: ['PATCH', '/api/v1/me'],
  sessions: ['GET', '/api/v1/me/sessions'],
  revokeSession: ['DELETE', '/api/v1/me/sessions/{sessionId}'],
  branding: ['GET', '/api/v1/branding'],
  setupStatus: ['GET', '/api/v1/setup'],
  setup: ['POST', '/api/v1/setup'],

  registerOrg: ['POST', '/api/v1/orgs/register'],
  org: ['GET', '/api/v1/orgs/{orgId}'],
  updateOrg: ['PATCH', '/api/v1/orgs/{orgId}'],
  licenseAttachment: ['GET', '/api/v1/orgs/{orgId}/license-attachment'],
  resubmitOrg: ['POST', '/api/v1/orgs/{orgId}/resubmit'],
  orgOperationLog: ['GET', '/api/v1/orgs/{orgId}/operation-log'],
  platformOperationLog: ['GET', '/api/v1/platform/operation-log'],
  verifyOperationLog: ['GET', '/api/v1/platform/operation-log/verify'],
  uploadLicense: ['PUT', '/api/v1/orgs/{orgId}/license-attachment'],

  platformOrgs: ['GET', '/api/v1/platform/orgs'],
  platformOrg: ['GET', '/api/v1/platform/orgs/{orgId}'],
  approveOrg: ['POST', '/api/v1/platform/orgs/{orgId}/approve'],
  rejectOrg: ['POST', '/api/v1/platform/orgs/{orgId}/reject'],
  suspendOrg: ['POST', '/api/v1/platform/orgs/{orgId}/suspend'],
  reactivateOrg: ['POST', '/api/v1/platform/orgs/{orgId}/reactivate'],
  orgQuotas: ['GET', '/api/v1/platform/orgs/{orgId}/quotas'],
  updateOrgQuotas: ['PUT', '/api/v1/platform/orgs/{orgId}/quotas'],
  updateOrgSecurity: ['PUT', '/api/v1/platform/orgs/{orgId}/security'],

  operators: ['GET', '/api/v1/platform/operators'],
  createOperator: ['POST', '/api/v1/platform/operators'],
  updateOperator: ['PATCH', '/api/v1/platform/operators/{userId}'],
  removeOperator: ['DELETE', '/api/v1/platform/operators/{userId}'],
  brandingSettings: ['GET', '/api/v1/platform/settings/branding'],
  updateBranding: ['PATCH', '/api/v1/platform/settings/branding'],
  uploadLogo: ['PUT', '/api/v1/platform/settings/branding/logo'],
  deleteLogo: ['DELETE', '/api/v1/platform/settings/branding/logo'],
  uploadLoginImage: ['PUT', '/api/v1/platform/settings/branding/loginImage'],
  deleteLoginImage: ['DELETE', '/api/v1/platform/settings/branding/loginImage'],
  uploadFavicon: ['PUT', '/api/v1/platform/settings/branding/favicon'],
  deleteFavicon: ['DELETE', '/api/v1/platform/settings/branding/favicon'],
  securitySettings: ['GET', '/api/v1/platform/settings/security'],
  updateSecurity: ['PATCH', '/api/v1/platform/settings/security'],
  quotaDefaults: ['GET', '/api/v1/platform/settings/quotas'],
  updateQuotaDefaults: ['PATCH', '/api/v1/platform/settings/quotas'],

  members: ['GET', '/api/v1/orgs/{orgId}/members'],
  createMember: ['POST', '/api/v1/orgs/{orgId}/members'],
  updateMember: ['PATCH', '/api/v1/orgs/{orgId}/members/{userId}'],
  removeMember: ['DELETE', '/api/v1/orgs/{orgId}/members/{userId}'],
  resetMemberPassword: ['POST', '/api/v1/orgs/{orgId}/members/{userId}/reset-password'],
  invitations: ['GET', '/api/v1/orgs/{orgId}/invitations'],
  invite: ['POST', '/api/v1/orgs/{orgId}/invitations'],
  invitationInfo: ['GET', '/api/v1/invitations/{token}'],
  acceptInvitation: ['POST', '/api/v1/invitations/{token}/accept'],
  revokeInvitation: ['DELETE', '/api/v1/orgs/{orgId}/invitations/{invitationId}'],

  apiKeys: ['GET', '/api/v1/orgs/{orgId}/api-keys'],
  createApiKey: ['POST', '/api/v1/orgs/{orgId}/api-keys'],
  rotateApiKey: ['POST', '/api/v1/orgs/{orgId}/api-keys/{keyId}/rotate'],
  revokeApiKey: ['DELETE', '/api/v1/orgs/{orgId}/api-keys/{keyId}'],
} as const satisfies RouteTable;

type Routes = typeof accountsRoutes;
type Body<N extends keyof Routes> = BodyOf<Routes[N]>;
/** A list call's paging and the filters the spec gives it. */
type Query<N extends keyof Routes> = ListQuery & QueryOf<Routes[N]>;

export type User = Schemas['User'];
export type PlatformRole = NonNullable<User['platformRole']>;
export type Me = Schemas['Me'];
export type MeOrg = Me['orgs'][number];
export type OrgRole = MeOrg['role'];
export type Restriction = NonNullable<Me['restriction']>;
export type SessionGrant = Schemas['SessionGrant'];
export type Session = Schemas['Session'];
export type Branding = Schemas['Branding'];
export type BrandingSettings = Schemas['BrandingSettings'];
export type BrandingImage = 'logo' | 'loginImage' | 'favicon';
export type Org = Schemas['Org'];
export type OrgStatus = Org['status'];
export type OrgDetails = Schemas['OrgDetails'];
export type AuditEntry = Schemas['AuditEntry'];
export type AuditVerification = AnswerOf<Routes['verifyOperationLog']>;
export type OrgRegistration = Body<'registerOrg'>;
export type Quotas = Schemas['Quotas'];
export type QuotaOverrides = Schemas['QuotaOverrides'];
export type OrgQuotas = Schemas['OrgQuotas'];
export type SecuritySettings = Schemas['SecuritySettings'];
export type Member = Schemas['Member'];
export type Invitation = Schemas['Invitation'];
export type InvitationInfo = AnswerOf<Routes['invitationInfo']>;
export type ApiKey = Schemas['ApiKey'];
export type ApiKeyScope = ApiKey['scopes'][number];
export type TotpEnrollment = AnswerOf<Routes['totpEnroll']>;

const { call, blob, upload } = bindRoutes(accountsRoutes);

const brandingUpload = { logo: 'uploadLogo', loginImage: 'uploadLoginImage', favicon: 'uploadFavicon' } as const;
const brandingDelete = { logo: 'deleteLogo', loginImage: 'deleteLoginImage', favicon: 'deleteFavicon' } as const;

export const accountsApi = {
  login: (body: Body<'login'>) => call('login', {}, { body, noRefresh: true }),
  logout: () => call('logout', {}),
  changePassword: (body: Body<'changePassword'>) => call('changePassword', {}, { body }),
  totpEnroll: () => call('totpEnroll', {}),
  totpConfirm: (code: string) => call('totpConfirm', {}, { body: { code } }),
  totpDisable: (body: Body<'totpDisable'>) => call('totpDisable', {}, { body }),
  me: () => call('me', {}),
  updateMe: (body: Body<'updateMe'>) => call('updateMe', {}, { body }),
  sessions: (query: Query<'sessions'> = {}) => call('sessions', {}, { query }),
  revokeSession: (sessionId: string) => call('revokeSession', { sessionId }),
  branding: () => call('branding', {}),
  setupStatus: () => call('setupStatus', {}),
  setup: (body: Body<'setup'>) => call('setup', {}, { body, noRefresh: true }),

  registerOrg: (body: OrgRegistration) => call('registerOrg', {}, { body }),
  org: (orgId: string) => call('org', { orgId }),
  updateOrg: (orgId: string, body: Body<'updateOrg'>) => call('updateOrg', { orgId }, { body }),
  licenseAttachment: (orgId: string) => blob('licenseAttachment', { orgId }),
  resubmitOrg: (orgId: string, body: Body<'resubmitOrg'>) => call('resubmitOrg', { orgId }, { body }),
  orgOperationLog: (orgId: string, query: Query<'orgOperationLog'>) => call('orgOperationLog', { orgId }, { query }),
  orgOperationLogCsv: (orgId: string, query: Query<'orgOperationLog'>) =>
    blob('orgOperationLog', { orgId }, { query: { ...query, format: 'csv' } }),
  platformOperationLog: (query: Query<'platformOperationLog'>) => call('platformOperationLog', {}, { query }),
  platformOperationLogCsv: (query: Query<'platformOperationLog'>) =>
    blob('platformOperationLog', {}, { query: { ...query, format: 'csv' } }),
  verifyOperationLog: () => call('verifyOperationLog', {}),
  uploadLicense: (orgId: string, file: File) => upload('uploadLicense', { orgId }, file, { query: { filename: file.name } }),

  platformOrgs: (query: Query<'platformOrgs'>) => call('platformOrgs', {}, { query }),
  platformOrg: (orgId: string) => call('platformOrg', { orgId }),
  approveOrg: (orgId: string) => call('approveOrg', { orgId }),
  rejectOrg: (orgId: string, reason: string) => call('rejectOrg', { orgId }, { body: { reason } }),
  suspendOrg: (orgId: string, reason: string) => call('suspendOrg', { orgId }, { body: { reason } }),
  reactivateOrg: (orgId: string) => call('reactivateOrg', { orgId }),
  orgQuotas: (orgId: string) => call('orgQuotas', { orgId }),
  /** Replaces the organisation's overrides: a null (or absent) field falls back to the platform default. */
  updateOrgQuotas: (orgId: string, body: QuotaOverrides) => call('updateOrgQuotas', { orgId }, { body }),
  updateOrgSecurity: (orgId: string, require2fa: boolean) => call('updateOrgSecurity', { orgId }, { body: { require2fa } }),

  operators: (query: Query<'operators'> = {}) => call('operators', {}, { query }),
  createOperator: (body: Body<'createOperator'>) => call('createOperator', {}, { body }),
  updateOperator: (userId: string, body: Body<'updateOperator'>) => call('updateOperator', { userId }, { body }),
  removeOperator: (userId: string) => call('removeOperator', { userId }),
  brandingSettings: () => call('brandingSettings', {}),
  updateBranding: (body: Body<'updateBranding'>) => call('updateBranding', {}, { body }),
  uploadBrandingImage: (image: BrandingImage, file: Blob) => upload(brandingUpload[image], {}, file),
  deleteBrandingImage: (image: BrandingImage) => call(brandingDelete[image], {}),
  securitySettings: () => call('securitySettings', {}),
  updateSecurity: (body: Body<'updateSecurity'>) => call('updateSecurity', {}, { body }),
  quotaDefaults: () => call('quotaDefaults', {}),
  updateQuotaDefaults: (body: Body<'updateQuotaDefaults'>) => call('updateQuotaDefaults', {}, { body }),

  members: (orgId: string, query: Query<'members'> = {}) => call('members', { orgId }, { query }),
  createMember: (orgId: string, body: Body<'createMember'>) => call('createMember', { orgId }, { body }),
  updateMember: (orgId: string, userId: string, role: OrgRole) => call('updateMember', { orgId, userId }, { body: { role } }),
  removeMember: (orgId: string, userId: string) => call('removeMember', { orgId, userId }),
  resetMemberPassword: (orgId: string, userId: string) => call('resetMemberPassword', { orgId, userId }),
  invitations: (orgId: string, query: Query<'invitations'> = {}) => call('invitations', { orgId }, { query }),
  invite: (orgId: string, body: Body<'invite'>) => call('invite', { orgId }, { body }),
  invitationInfo: (token: string) => call('invitationInfo', { token }),
  /** Signed in: no body (the account's email must match); otherwise creates the account. */
  acceptInvitation: (token: string, newAccount?: { name: string; password: string }) =>
    call('acceptInvitation', { token }, { body: newAccount ?? {} }),
  revokeInvitation: (orgId: string, invitationId: string) => call('revokeInvitation', { orgId, invitationId }),

  apiKeys: (orgId: string, query: Query<'apiKeys'> = {}) => call('apiKeys', { orgId }, { query }),
  createApiKey: (orgId: string, body: Body<'createApiKey'>) => call('createApiKey', { orgId }, { body }),
  rotateApiKey: (orgId: string, keyId: string, graceHours: number) =>
    call('rotateApiKey', { orgId, keyId }, { body: { graceHours } }),
  revokeApiKey: (orgId: string, keyId: string) => call('revokeApiKey', { orgId, keyId }),
};
