// The apps module: an organisation's mini-programs, their versions and packages, base libraries,
// and the operators' view of every mini-program (takedown and restore).
import type { UploadOptions } from './http';
import { bindRoutes, type AnswerOf, type BodyOf, type ListQuery, type QueryOf, type RouteTable, type Schemas } from './client';

export const appsRoutes = {
  orgApps: ['GET', '/api/v1/orgs/{orgId}/apps'],
  createApp: ['POST', '/api/v1/orgs/{orgId}/apps'],
  app: ['GET', '/api/v1/apps/{appId}'],
  updateApp: ['PATCH', '/api/v1/apps/{appId}'],
  deleteApp: ['DELETE', '/api/v1/apps/{appId}'],
  appOffline: ['POST', '/api/v1/apps/{appId}/offline'],
  appOnline: ['POST', '/api/v1/apps/{appId}/online'],
  appIcon: ['GET', '/api/v1/apps/{appId}/icon'],
  uploadIcon: ['PUT', '/api/v1/apps/{appId}/icon'],
  auditCertificate: ['GET', '/api/v1/apps/{appId}/audit-certificate'],
  uploadAuditCertificate: ['PUT', '/api/v1/apps/{appId}/audit-certificate'],

  versions: ['GET', '/api/v1/apps/{appId}/versions'],
  compareVersions: ['GET', '/api/v1/apps/{appId}/compare'],
  uploadPackage: ['PUT', '/api/v1/apps/{appId}/versions/{version}/package'],
  downloadPackage: ['GET', '/api/v1/apps/{appId}/versions/{version}/package'],
  updateVersion: ['PATCH', '/api/v1/apps/{appId}/versions/{version}'],
  deleteVersion: ['DELETE', '/api/v1/apps/{appId}/versions/{version}'],
  releaseVersion: ['POST', '/api/v1/apps/{appId}/versions/{version}/release'],
  rollbackVersion: ['POST', '/api/v1/apps/{appId}/versions/{version}/rollback'],

  baseLibraries: ['GET', '/api/v1/base-libraries'],
  createBaseLibrary: ['POST', '/api/v1/platform/base-libraries'],
  updateBaseLibrary: ['PATCH', '/api/v1/platform/base-libraries/{version}'],
  deleteBaseLibrary: ['DELETE', '/api/v1/platform/base-libraries/{version}'],

  platformApps: ['GET', '/api/v1/platform/apps'],
  takedownApp: ['POST', '/api/v1/platform/apps/{appId}/takedown'],
  restoreApp: ['POST', '/api/v1/platform/apps/{appId}/restore'],
} as const satisfies RouteTable;

type Routes = typeof appsRoutes;
type Body<N extends keyof Routes> = BodyOf<Routes[N]>;
/** A list call's paging and the filters the spec gives it. */
type Query<N extends keyof Routes> = ListQuery & QueryOf<Routes[N]>;

export type App = Schemas['App'];
export type AppStatus = App['status'];
/** The editable fields of a mini-program (PATCH: absent fields stay). */
export type AppInput = Body<'updateApp'>;
/** The privacy declaration (隐私配置): each kind of user data at most once, with its purpose. */
export type Privacy = NonNullable<App['privacy']>;
export type PrivacyDataType = NonNullable<Privacy['items']>[number]['dataType'];
/** A Web3 mini-program's contract: chain is lower-case letters, digits and '-'. */
export type Contract = NonNullable<App['contracts']>[number];
export type Version = Schemas['Version'];
export type VersionStatus = Version['status'];
export type VersionFile = Schemas['VersionFile'];
export type VersionComparison = AnswerOf<Routes['compareVersions']>;
export type BaseLibrary = Schemas['BaseLibrary'];

const { call, blob, upload } = bindRoutes(appsRoutes);

export const appsApi = {
  orgApps: (orgId: string, query: Query<'orgApps'> = {}) => call('orgApps', { orgId }, { query }),
  createApp: (orgId: string, body: Body<'createApp'>) => call('createApp', { orgId }, { body }),
  app: (appId: string) => call('app', { appId }),
  updateApp: (appId: string, body: AppInput) => call('updateApp', { appId }, { body }),
  deleteApp: (appId: string) => call('deleteApp', { appId }),
  appOffline: (appId: string) => call('appOffline', { appId }),
  appOnline: (appId: string) => call('appOnline', { appId }),
  appIcon: (appId: string) => blob('appIcon', { appId }),
  uploadIcon: (appId: string, file: Blob) => upload('uploadIcon', { appId }, file),
  auditCertificate: (appId: string) => blob('auditCertificate', { appId }),
  uploadAuditCertificate: (appId: string, file: File) =>
    upload('uploadAuditCertificate', { appId }, file, { query: { filename: file.name } }),

  versions: (appId: string, query: Query<'versions'> = {}) => call('versions', { appId }, { query }),
  compareVersions: (appId: string, from: string, to: string) => call('compareVersions', { appId }, { query: { from, to } }),
  uploadPackage: (appId: string, version: string, file: Blob, opts: Omit<UploadOptions, 'query'> = {}) =>
    upload('uploadPackage', { appId, version }, file, opts),
  downloadPackage: (appId: string, version: string) => blob('downloadPackage', { appId, version }),
  updateVersion: (appId: string, version: string, body: Body<'updateVersion'>) =>
    call('updateVersion', { appId, version }, { body }),
  deleteVersion: (appId: string, version: string) => call('deleteVersion', { appId, version }),
  releaseVersion: (appId: string, version: string) => call('releaseVersion', { appId, version }),
  rollbackVersion: (appId: string, version: string) => call('rollbackVersion', { appId, version }),

  baseLibraries: (query: Query<'baseLibraries'> = {}) => call('baseLibraries', {}, { query }),
  createBaseLibrary: (body: Body<'createBaseLibrary'>) => call('createBaseLibrary', {}, { body }),
  updateBaseLibrary: (version: string, body: Body<'updateBaseLibrary'>) => call('updateBaseLibrary', { version }, { body }),
  deleteBaseLibrary: (version: string) => call('deleteBaseLibrary', { version }),

  platformApps: (query: Query<'platformApps'>) => call('platformApps', {}, { query }),
  takedownApp: (appId: string, reason: string) => call('takedownApp', { appId }, { body: { reason } }),
  restoreApp: (appId: string) => call('restoreApp', { appId }),
};
