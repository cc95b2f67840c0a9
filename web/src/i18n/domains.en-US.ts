// English messages of domain management: a mini-program's service and business domains, the
// platform whitelist and blocklist. Typed by domains.zh-CN.ts.
import type zh from './domains.zh-CN';

const messages: typeof zh = {
  nav: { certificates: 'Certificates', domainLists: 'Domain lists' },
  errors: {
    'domains.precondition_required': 'Load the latest domain settings before saving',
    'domains.etag_mismatch': 'Someone else changed the domains; reload before saving',
    'domains.list_entry_exists': 'This host is already in the list',
    'domains.list_entry_not_found': 'This host is not in the list',
    'domains.webview_not_declared': 'The mini-program does not declare this business domain',
    'certificates.bad_chain': 'The chain does not verify: {reason}',
    'certificates.expired': 'The certificate has expired',
    'certificates.invalid_key': 'Not a valid unencrypted PEM private key',
    'certificates.invalid_pem': 'Not a valid PEM certificate',
    'certificates.key_mismatch': 'The private key does not belong to the certificate',
    'certificates.not_found': 'No such certificate',
    'certificates.not_yet_valid': 'The certificate is not valid yet',
    'certificates.too_many': 'At most {limit} certificates',
    'domains.list_full': 'A list holds at most {limit} hosts',
  },
  fieldErrors: {
    blocked: 'The platform does not allow this host',
    invalid_host: 'Enter a valid host name',
    invalid_idn: 'Not a valid internationalised name',
    invalid_port: 'A port is a number from 1 to 65535',
    invalid_wildcard: 'A wildcard may only be a leading *.',
    ip_literal: 'Use a host name, not an IP address',
    localhost_not_allowed: 'localhost is not allowed',
    path_not_allowed: 'Scheme and host only: no path, query or fragment',
    port_not_allowed: 'Business domains take no port',
    scheme_not_allowed: 'Wrong scheme (wss:// for socket, https:// for the others)',
    scheme_required: 'Start with https:// or wss://',
    userinfo_not_allowed: 'No user name or password in a domain',
    wildcard_not_allowed: 'The platform does not allow wildcard domains',
    wildcard_too_broad: 'This wildcard covers too much',
  },
  certificates: {
    upload: 'Upload certificate', certificate: 'Certificate chain (PEM, leaf first)', privateKey: 'Private key (PEM)', names: 'Names', issuer: 'Issuer',
    subject: 'Subject', serial: 'Serial', validity: 'Validity', notAfter: 'Expires', daysLeft: 'Days left', keyType: 'Key', fingerprint: 'SHA-256 fingerprint',
    selfSigned: 'Self-signed', detail: 'Certificate', uploaded: 'Certificate uploaded', confirmDelete: 'Delete the certificate {name}?', deleted: 'Certificate deleted', delete: 'Delete',
    empty: 'No certificates', days: '{n} days', expired: 'Expired', chain: 'Chain',
  },
  domains: {
    tab: 'Domains',
    hint: 'The mini-program may only reach the hosts listed here: https:// (wss:// for socket), no IP or localhost, no path.',
    kinds: { request: 'request domains', socket: 'socket domains', upload: 'uploadFile domains', download: 'downloadFile domains', webview: 'Business domains (web-view)' },
    placeholder: 'One a line, e.g. https://api.example.com',
    save: 'Save', saved: 'Domains saved', reload: 'Reload', revision: 'Revision {revision}', count: '{n} / {limit}',
    whitelist: 'Platform whitelist', blocklist: 'Platform blocklist', host: 'Host', channels: 'Channels', note: 'Note', createdAt: 'Added',
    add: 'Add', remove: 'Remove', confirmRemove: 'Remove {host} from the {list}?', flagged: 'These mini-programs declare a blocked host',
    verify: 'Verify', verifiedNow: '{host} is verified', downloadFile: 'Download verification file',
    status: { verified: 'Verified', failed: 'Failed', unverified: 'Unverified' },
    conflict: 'Someone else changed the domains: reload, then edit again',
    addedTo: '{host} added to the {list}', removed: '{host} removed',
    whitelistHint: 'Every mini-program may use these hosts on the chosen channels without declaring them (the platform\'s APIs, CDNs); *. wildcards allowed.',
    blocklistHint: 'No mini-program may use these hosts or names below them; mini-programs that declare one are flagged and the host is withheld at runtime.',
    flaggedApps: 'Affected mini-programs', allChannels: 'All channels', empty: 'No hosts',
  },
};

export default messages;
