// English messages of the console frame and what every screen shares: common words, form fields and
// validation, field errors, generic API errors, the organisation overview, 403/404 pages.
// Typed by core.zh-CN.ts, so a key missing on either side fails the type check.
import type zh from './core.zh-CN';

const messages: typeof zh = {
  nav: {
    opsConsole: 'Operations console', orgConsole: 'Developer center', dashboard: 'Overview', signOut: 'Sign out', menu: 'Menu',
    switchOrg: 'Switch organisation',
  },
  errors: {
    network: 'Network error: check the connection and try again', unknown: 'Something went wrong; try again later',
    unauthenticated: 'Your session has ended; sign in again', forbidden: 'You are not allowed to do this',
    not_found: 'Not found, or deleted', rate_limited: 'Too many requests; try again shortly',
    validation_failed: 'Check the highlighted fields', 'quota.exceeded': 'Quota reached ({limit})',
    storage_full: 'The server is out of storage space; try again later', payload_too_large: 'The file is larger than allowed',
    unsupported_media_type: 'Unsupported file type',
  },
  common: {
    language: 'Language', actions: 'Actions', all: 'All', allStatuses: 'All statuses', back: 'Back', backHome: 'Back to home',
    cancel: 'Cancel', confirmTitle: 'Please confirm', copied: 'Copied to the clipboard', copy: 'Copy', upload: 'Upload',
    create: 'Create', delete: 'Delete', done: 'Done', download: 'Download', edit: 'Edit', loadFailed: 'Could not load',
    next: 'Next', prev: 'Previous', page: 'Page {n}', off: 'Off', on: 'On',
    reasonPlaceholder: 'The reason (shown to the organisation)', reasonRequired: 'Give a reason (1–500 characters)',
    remove: 'Remove', reset: 'Reset', retry: 'Retry', save: 'Save', saved: 'Saved',
  },
  fields: {
    email: 'Email', password: 'Password', name: 'Name', currentPassword: 'Current password', newPassword: 'New password',
    confirmPassword: 'Confirm the new password', orgName: 'Organisation name', orgId: 'Organisation ID',
    licenseNo: 'Business licence number', contact: 'Contact', contactName: 'Contact name', contactEmail: 'Contact email',
    contactPhone: 'Contact phone', status: 'Status', reason: 'Reason', createdAt: 'Created', updatedAt: 'Updated',
    reviewedAt: 'Reviewed', members: 'Members', appName: 'Mini-program name', appId: 'AppID', category: 'Category',
    summary: 'Summary', description: 'Description', tags: 'Tags', releasedVersion: 'Live version', version: 'Version',
    changelog: 'Release notes', size: 'Size', sha256: 'SHA-256', uploadedAt: 'Uploaded', hostAppName: 'Host app name',
    sdkKey: 'SDK key', bundleIds: 'Bundle IDs / package names', role: 'Role', twoFactor: '2FA', joinedAt: 'Joined',
    invitedBy: 'Invited by', expiresAt: 'Expires', scopes: 'Scopes', lastUsed: 'Last used', createdBy: 'Created by',
    expiresInDays: 'Valid for (days)',
  },
  validation: {
    required: 'Required', email: 'Enter a valid email address', mismatch: 'The passwords do not match',
    max: 'At most {n} characters',
  },
  fieldErrors: {
    required: 'Required', too_long: 'Too long', too_short: 'Too short',
    too_weak: 'Too weak: mix upper and lower case letters, digits and symbols', reused: 'You used this password recently',
    incorrect: 'Incorrect', invalid: 'Invalid format', unknown_field: 'Unknown field', out_of_range: 'Out of range',
    invalid_type: 'Wrong type', duplicate: 'Listed twice', too_many: 'Too many', unknown_scope: 'Unknown scope',
    not_permitted: 'You do not hold this permission yourself', invalid_email: 'Enter a valid email address',
    not_defined: 'Not defined', unknown_value: 'Unsupported value', duplicate_key: 'This key appears twice',
  },
  forbidden: {
    title: 'Forbidden',
    text: 'Your role may not open this page. Ask your organisation’s admin or a platform operator for access.',
  },
  notFound: { title: 'Page not found', text: 'There is no page at this address: the link may be wrong or the page was removed.' },
  secret: {
    once: 'This is the only time it is shown: copy it now and keep it safe.', secret: 'Secret', saved: 'I have saved it',
  },
  dashboard: {
    subtitle: 'Your organisation at a glance', apps: 'Mini-programs', online: 'Online', hostApps: 'Host apps', members: 'Members',
    quotas: 'Quota usage', byStatus: 'Mini-programs by status', recent: 'Recently updated',
    quota: {
      apps: 'Mini-programs', hostApps: 'Host apps', members: 'Members', grayPlans: 'Gray release plans',
      packageSize: 'Package size limit',
    },
    status: {
      pending: {
        title: 'Your organisation is under review',
        text: 'Once a platform operator approves it, you can create mini-programs and host apps.',
      },
      rejected: { title: 'The registration was rejected', text: 'Address the reason below and register again.' },
      suspended: { title: 'The organisation is suspended', text: 'A platform operator suspended it; contact the platform.' },
      active: { title: '', text: '' },
    },
  },
  releases: {
    title: 'Recent releases', version: 'Version', changelog: 'Changelog', releasedAt: 'Released at',
    empty: 'Nothing released yet',
  },
};

export default messages;
