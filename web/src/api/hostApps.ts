// Host apps (the apps module's runtime side): the apps that embed the SDK, their SDK secrets, the
// custom APIs and menus they offer, and which mini-programs each may run (associations).
import { bindRoutes, type BodyOf, type ListQuery, type QueryOf, type RouteTable, type Schemas } from './client';

export const hostAppsRoutes = {
  hostApps: ['GET', '/api/v1/orgs/{orgId}/host-apps'],
  createHostApp: ['POST', '/api/v1/orgs/{orgId}/host-apps'],
  hostApp: ['GET', '/api/v1/host-apps/{hostAppId}'],
  updateHostApp: ['PATCH', '/api/v1/host-apps/{hostAppId}'],
  deleteHostApp: ['DELETE', '/api/v1/host-apps/{hostAppId}'],
  rotateHostAppSecret: ['POST', '/api/v1/host-apps/{hostAppId}/rotate-secret'],
  hostAppAssociations: ['GET', '/api/v1/host-apps/{hostAppId}/apps'],
  associate: ['PUT', '/api/v1/host-apps/{hostAppId}/apps/{appId}'],
  dissociate: ['DELETE', '/api/v1/host-apps/{hostAppId}/apps/{appId}'],
} as const satisfies RouteTable;

type Routes = typeof hostAppsRoutes;
type Body<N extends keyof Routes> = BodyOf<Routes[N]>;
/** A list call's paging and the filters the spec gives it. */
type Query<N extends keyof Routes> = ListQuery & QueryOf<Routes[N]>;

export type HostApp = Schemas['HostApp'];
export type HostAppWithSecret = Schemas['HostAppWithSecret'];
export type HostAppUpdate = Schemas['HostAppUpdate'];
export type HostAppGrants = Schemas['HostAppGrants'];
export type HostAppAssociation = Schemas['HostAppAssociation'];
export type BundleId = HostApp['bundleIds'][number];
export type Platform = BundleId['platform'];
export type CustomApi = HostApp['customApis'][number];
export type HostAppMenu = HostApp['menus'][number];

const { call } = bindRoutes(hostAppsRoutes);

export const hostAppsApi = {
  hostApps: (orgId: string, query: Query<'hostApps'> = {}) => call('hostApps', { orgId }, { query }),
  createHostApp: (orgId: string, body: Body<'createHostApp'>) => call('createHostApp', { orgId }, { body }),
  hostApp: (hostAppId: string) => call('hostApp', { hostAppId }),
  updateHostApp: (hostAppId: string, body: HostAppUpdate) => call('updateHostApp', { hostAppId }, { body }),
  deleteHostApp: (hostAppId: string) => call('deleteHostApp', { hostAppId }),
  rotateHostAppSecret: (hostAppId: string) => call('rotateHostAppSecret', { hostAppId }),
  hostAppAssociations: (hostAppId: string, query: Query<'hostAppAssociations'> = {}) =>
    call('hostAppAssociations', { hostAppId }, { query }),
  /** Associates (idempotent); with grants, replaces the association's allowed APIs and menus. */
  associate: (hostAppId: string, appId: string, grants?: HostAppGrants) =>
    call('associate', { hostAppId, appId }, grants ? { body: grants } : {}),
  dissociate: (hostAppId: string, appId: string) => call('dissociate', { hostAppId, appId }),
};
