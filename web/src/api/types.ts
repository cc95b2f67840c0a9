// Hand-written types for the parts of docs/openapi.json the console uses (components/schemas).

export type PlatformRole = 'platform_admin' | 'platform_reviewer';
export type OrgRole = 'owner' | 'admin' | 'developer' | 'viewer';
export type OrgStatus = 'pending' | 'active' | 'rejected' | 'suspended';
export type AppStatus = 'draft' | 'online' | 'offline';
export type VersionStatus = 'uploaded' | 'in_review' | 'approved' | 'rejected' | 'released' | 'superseded';
export type Platform = 'ios' | 'android' | 'harmony';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface User {
  id: string;
  email: string;
  name: string;
  platformRole: PlatformRole | null;
  status: 'active' | 'disabled';
  twoFactorEnabled: boolean;
  mustChangePassword: boolean;
  createdAt: string;
}

export interface SessionGrant {
  accessToken: string;
  expiresIn: number;
  user: User;
}

export type Restriction = 'auth.password_change_required' | 'auth.2fa_enrollment_required';

export interface MeOrg {
  id: string;
  name: string;
  status: OrgStatus;
  role: OrgRole;
  permissions: string[];
}

export interface Me {
  user: User;
  platformRole: PlatformRole | null;
  platformPermissions: string[];
  orgs: MeOrg[];
  restriction: Restriction | null;
}

export interface Session {
  id: string;
  userAgent: string;
  ip: string;
  createdAt: string;
  lastUsedAt: string;
  expiresAt: string;
  current: boolean;
}

export interface Branding {
  productName: string;
  loginTitle: string;
  loginText: string;
  copyright: string;
  logoUrl: string | null;
  faviconUrl: string | null;
  loginImageUrl: string | null;
}

export interface Attachment {
  name: string;
  contentType: string;
  sha256: string;
}

export interface Quotas {
  maxApps: number;
  maxHostApps: number;
  maxMembers: number;
  maxGrayPlans: number;
  maxPackageBytes: number;
}

export interface Org {
  id: string;
  name: string;
  licenseNo: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  licenseAttachment: Attachment | null;
  status: OrgStatus;
  statusReason: string | null;
  require2fa: boolean;
  require2faImposedAt: string | null;
  reviewedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface OrgDetails extends Org {
  quotas: Quotas;
  usage: { members: number };
}

export interface OrgRegistration {
  name: string;
  licenseNo: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  owner: { email: string; password: string; name: string };
}

export interface App {
  appId: string;
  orgId: string;
  name: string;
  summary: string;
  description: string;
  category: string;
  tags: string[];
  icon: Attachment | null;
  developer?: { name?: string; email?: string; phone?: string };
  privacy?: Privacy;
  repositoryUrl?: string;
  securityRating?: string;
  contracts?: Contract[];
  auditCertificate?: Attachment | null;
  status: AppStatus;
  offlineBy: 'org' | 'platform' | null;
  offlineReason: string | null;
  releasedVersion: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface AppInput {
  name?: string;
  summary?: string;
  description?: string;
  category?: string;
  tags?: string[];
  privacy?: Privacy;
  repositoryUrl?: string;
  securityRating?: string;
  contracts?: Contract[];
}

export type PrivacyDataType =
  | 'userInfo' | 'phoneNumber' | 'location' | 'address' | 'camera' | 'microphone' | 'album'
  | 'clipboard' | 'bluetooth' | 'contacts' | 'calendar' | 'deviceInfo' | 'wallet' | 'idCard';

/** The privacy declaration (隐私配置): each kind of user data at most once, with its purpose. */
export interface Privacy {
  policyUrl?: string;
  items?: { dataType: PrivacyDataType; purpose: string }[];
}

/** A Web3 mini-program's contract: chain is lower-case letters, digits and '-'. */
export interface Contract {
  chain: string;
  address: string;
  name?: string;
}

export interface BaseLibrary {
  version: string;
  status: 'active' | 'deprecated';
  notes: string;
  createdAt: string;
  updatedAt: string;
}

export type QuotaOverrides = { [K in keyof Quotas]?: number | null };

export interface OrgQuotas {
  overrides: QuotaOverrides;
  effective: Quotas;
  defaults: Quotas;
}

export interface Version {
  id: string;
  appId: string;
  version: string;
  changelog: string;
  minBaseLibrary: string | null;
  sha256: string;
  size: number;
  fileCount: number;
  unpackedSize: number;
  status: VersionStatus;
  signature: string | null;
  uploadedBy: string;
  createdAt: string;
  updatedAt: string;
  releasedAt: string | null;
}

export interface VersionFile {
  path: string;
  size: number;
  sha256: string;
}

export interface VersionComparison {
  from: Version;
  to: Version;
  files: {
    added: VersionFile[];
    removed: VersionFile[];
    changed: { path: string; from: { size: number; sha256: string }; to: { size: number; sha256: string } }[];
    unchanged?: number;
  };
}

export interface BundleId {
  platform: Platform;
  id: string;
}

export interface HostApp {
  id: string;
  orgId: string;
  name: string;
  sdkKey: string;
  status: 'active' | 'disabled';
  bundleIds: BundleId[];
  customApis: { name: string; description?: string }[];
  menus: { id: string; title: string }[];
  createdAt: string;
  updatedAt: string;
}

export type CustomApi = HostApp['customApis'][number];
export type HostAppMenu = HostApp['menus'][number];

export interface HostAppUpdate {
  name?: string;
  bundleIds?: BundleId[];
  status?: HostApp['status'];
  customApis?: CustomApi[];
  menus?: HostAppMenu[];
}

export interface HostAppGrants {
  allowedApis: string[];
  allowedMenus: string[];
}

export interface HostAppWithSecret extends HostApp {
  sdkSecret: string;
}

export interface HostAppAssociation {
  hostAppId: string;
  appId: string;
  appOrgId: string;
  appName: string;
  appStatus: AppStatus;
  allowedApis: string[];
  allowedMenus: string[];
  crossOrg: boolean;
  createdAt: string;
}

export interface Member {
  userId: string;
  email: string;
  name: string;
  role: OrgRole;
  status: 'active' | 'disabled';
  twoFactorEnabled: boolean;
  mustChangePassword: boolean;
  joinedAt: string;
}

export interface Invitation {
  id: string;
  email: string;
  role: Exclude<OrgRole, 'owner'>;
  status: 'pending' | 'accepted' | 'revoked' | 'expired';
  invitedBy: { id: string; name: string | null };
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
  revokedAt: string | null;
  inviteUrl?: string;
}

export interface InvitationInfo {
  orgId: string;
  orgName: string;
  email: string;
  role: Invitation['role'];
  expiresAt: string;
  accountExists: boolean;
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  allowedIps: string[];
  createdBy: { id: string; name: string };
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  lastUsedIp: string | null;
  revokedAt: string | null;
  previousSecretValidUntil: string | null;
  status: 'active' | 'expired' | 'revoked';
}

export interface ApiKeyWithSecret extends ApiKey {
  secret: string;
}

export interface TotpEnrollment {
  secret: string;
  otpauthUri: string;
}

export interface BrandingSettings extends Branding {
  logoSha256: string;
  faviconSha256: string;
  loginImageSha256: string;
}

export type BrandingImage = 'logo' | 'loginImage' | 'favicon';

export interface SecuritySettings {
  lockoutMaxFailures: number;
  lockoutMinutes: number;
  ipMaxFailures: number;
  passwordMinLength: number;
  passwordMinClasses: number;
  passwordExpiryDays: number;
  passwordHistory: number;
  accessTtlSeconds: number;
  refreshTtlDays: number;
  require2faOperators: boolean;
  corsOrigins: string[];
  apiKeyRequestsPerMinute: number;
  invitationTtlHours: number;
}
