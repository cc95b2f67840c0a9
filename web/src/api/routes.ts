// Every API route the console calls, as [method, openapi path template]. tests/routes.test.ts
// checks each against docs/openapi.json, so a renamed or removed route fails the build's tests.
import type { Method } from './http';

export type Route = readonly [Method, string];

export const routes = {
  login: ['POST', '/api/v1/auth/login'],
  logout: ['POST', '/api/v1/auth/logout'],
  refresh: ['POST', '/api/v1/auth/refresh'],
  changePassword: ['POST', '/api/v1/auth/password'],
  totpEnroll: ['POST', '/api/v1/auth/2fa/enroll'],
  totpConfirm: ['POST', '/api/v1/auth/2fa/confirm'],
  totpDisable: ['POST', '/api/v1/auth/2fa/disable'],
  me: ['GET', '/api/v1/me'],
  sessions: ['GET', '/api/v1/me/sessions'],
  revokeSession: ['DELETE', '/api/v1/me/sessions/{sessionId}'],
  branding: ['GET', '/api/v1/branding'],

  registerOrg: ['POST', '/api/v1/orgs/register'],
  org: ['GET', '/api/v1/orgs/{orgId}'],
  licenseAttachment: ['GET', '/api/v1/orgs/{orgId}/license-attachment'],
  uploadLicense: ['PUT', '/api/v1/orgs/{orgId}/license-attachment'],

  platformOrgs: ['GET', '/api/v1/platform/orgs'],
  platformOrg: ['GET', '/api/v1/platform/orgs/{orgId}'],
  approveOrg: ['POST', '/api/v1/platform/orgs/{orgId}/approve'],
  rejectOrg: ['POST', '/api/v1/platform/orgs/{orgId}/reject'],
  suspendOrg: ['POST', '/api/v1/platform/orgs/{orgId}/suspend'],
  reactivateOrg: ['POST', '/api/v1/platform/orgs/{orgId}/reactivate'],
  platformApps: ['GET', '/api/v1/platform/apps'],
  takedownApp: ['POST', '/api/v1/platform/apps/{appId}/takedown'],
  restoreApp: ['POST', '/api/v1/platform/apps/{appId}/restore'],

  orgApps: ['GET', '/api/v1/orgs/{orgId}/apps'],
  createApp: ['POST', '/api/v1/orgs/{orgId}/apps'],
  app: ['GET', '/api/v1/apps/{appId}'],
  updateApp: ['PATCH', '/api/v1/apps/{appId}'],
  deleteApp: ['DELETE', '/api/v1/apps/{appId}'],
  appOffline: ['POST', '/api/v1/apps/{appId}/offline'],
  appOnline: ['POST', '/api/v1/apps/{appId}/online'],
  appIcon: ['GET', '/api/v1/apps/{appId}/icon'],
  uploadIcon: ['PUT', '/api/v1/apps/{appId}/icon'],
  versions: ['GET', '/api/v1/apps/{appId}/versions'],
  compareVersions: ['GET', '/api/v1/apps/{appId}/compare'],
  uploadPackage: ['PUT', '/api/v1/apps/{appId}/versions/{version}/package'],
  downloadPackage: ['GET', '/api/v1/apps/{appId}/versions/{version}/package'],
  updateVersion: ['PATCH', '/api/v1/apps/{appId}/versions/{version}'],
  deleteVersion: ['DELETE', '/api/v1/apps/{appId}/versions/{version}'],
  releaseVersion: ['POST', '/api/v1/apps/{appId}/versions/{version}/release'],
  rollbackVersion: ['POST', '/api/v1/apps/{appId}/versions/{version}/rollback'],

  hostApps: ['GET', '/api/v1/orgs/{orgId}/host-apps'],
  createHostApp: ['POST', '/api/v1/orgs/{orgId}/host-apps'],
  hostApp: ['GET', '/api/v1/host-apps/{hostAppId}'],
  deleteHostApp: ['DELETE', '/api/v1/host-apps/{hostAppId}'],
  rotateHostAppSecret: ['POST', '/api/v1/host-apps/{hostAppId}/rotate-secret'],
  hostAppAssociations: ['GET', '/api/v1/host-apps/{hostAppId}/apps'],
  associate: ['PUT', '/api/v1/host-apps/{hostAppId}/apps/{appId}'],
  dissociate: ['DELETE', '/api/v1/host-apps/{hostAppId}/apps/{appId}'],

  members: ['GET', '/api/v1/orgs/{orgId}/members'],
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
} as const satisfies Record<string, Route>;

export type RouteName = keyof typeof routes;
