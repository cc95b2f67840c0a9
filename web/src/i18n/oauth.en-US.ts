// OAuth (user authorization), English: the mini-program's OAuth client in its developer settings,
// the operators' scope approval and signing-key rotation.
import type zh from './oauth.zh-CN';

const messages: typeof zh = {
  fieldErrors: {
    https_required: 'Redirect URIs must start with https://',
    fragment_not_allowed: 'Redirect URIs cannot have a #fragment',
  },
  oauth: {
    tab: 'Developer settings',
    title: 'OAuth user authorization',
    hint: 'After the host app authorizes for its user, the mini-program\'s back end exchanges the code for an access token (PKCE S256) and reads what the granted scopes release. The redirect URI must match the authorization request exactly.',
    clientId: 'client_id (the AppID)',
    enabled: 'Enable OAuth',
    redirectUris: 'Redirect URIs (https; Enter adds one, at most 10)',
    scopes: 'Requested scopes',
    approved: 'Approved by operators',
    pending: 'Awaiting operator approval',
    saved: 'OAuth settings saved',
    secret: 'Client secret',
    secretCreated: 'Created',
    noSecret: 'No client secret yet; create one before exchanging codes.',
    createSecret: 'Create secret',
    rotateSecret: 'Rotate secret',
    confirmRotate: 'Rotate the client secret of "{name}"? The old secret stops working at once.',
    secretTitle: 'OAuth client secret',
    activeAuthorizations: 'Active user authorizations: {n}',
    scope: {
      basic: 'User id and wallet address',
      phone: 'Confirmed phone number',
      email: 'Confirmed e-mail address',
      tx_sign: 'Ask to sign transactions',
      tx_broadcast: 'Broadcast signed transactions',
      assets_read: 'See assets',
      assets_transfer: 'Ask to transfer assets',
    },
    ops: {
      title: 'OAuth scopes',
      hint: 'A mini-program may only ask its users for the scopes approved here.',
      requested: 'Requested by the organisation',
      saved: 'Updated the scopes "{name}" may request',
      keys: 'OAuth token signing keys',
      keysHint: 'Access tokens (JWT, ES256) are signed with the current key; after a rotation the old key stays published until the tokens it signed have expired.',
      kid: 'Key id',
      current: 'Current',
      retired: 'Retired',
      createdAt: 'Created',
      retiredAt: 'Retired',
      rotate: 'Rotate signing key',
      confirmRotate: 'Rotate the OAuth token signing key? New tokens will be signed with the new key.',
      rotated: 'Signing key rotated',
    },
  },
};

export default messages;
