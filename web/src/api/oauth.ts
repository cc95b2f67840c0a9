// The OAuth module (docs/openapi.json tag "OAuth"): a mini-program's OAuth client settings and
// secret (organisation), the scopes operators allow it, and the access-token signing keys.
import { bindRoutes, type BodyOf, type RouteTable, type Schemas } from './client';

export const oauthRoutes = {
  oauthSettings: ['GET', '/api/v1/apps/{appId}/oauth'],
  updateOauthSettings: ['PUT', '/api/v1/apps/{appId}/oauth'],
  rotateOauthSecret: ['POST', '/api/v1/apps/{appId}/oauth/secret'],
  oauthScopes: ['GET', '/api/v1/platform/apps/{appId}/oauth-scopes'],
  setOauthScopes: ['PUT', '/api/v1/platform/apps/{appId}/oauth-scopes'],
  signingKeys: ['GET', '/api/v1/platform/oauth/signing-keys'],
  rotateSigningKey: ['POST', '/api/v1/platform/oauth/signing-keys'],
} as const satisfies RouteTable;

type Routes = typeof oauthRoutes;
export type OAuthSettings = Schemas['OAuthClientSettings'];
export type OAuthSigningKey = Schemas['OAuthSigningKey'];
export type OAuthSettingsBody = BodyOf<Routes['updateOauthSettings']>;

/** The scopes a mini-program may ask its users for, in the order the consent sheet lists them. */
export const OAUTH_SCOPES = ['basic', 'phone', 'email', 'tx.sign', 'tx.broadcast', 'assets.read', 'assets.transfer'] as const;

const { call } = bindRoutes(oauthRoutes);

export const oauthApi = {
  get: (appId: string) => call('oauthSettings', { appId }),
  update: (appId: string, body: OAuthSettingsBody) => call('updateOauthSettings', { appId }, { body }),
  rotateSecret: (appId: string) => call('rotateOauthSecret', { appId }),
  allowedScopes: (appId: string) => call('oauthScopes', { appId }),
  setAllowedScopes: (appId: string, scopes: string[]) =>
    call('setOauthScopes', { appId }, { body: { scopes: scopes as OAuthSettingsBody['scopes'] } }),
  signingKeys: () => call('signingKeys', {}),
  rotateSigningKey: () => call('rotateSigningKey', {}),
};
