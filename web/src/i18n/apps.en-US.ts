// English messages of mini-programs, versions and packages, privacy and Web3 tabs, base libraries,
// the operators' list of every mini-program.
// Typed by apps.zh-CN.ts, so a key missing on either side fails the type check.
import type zh from './apps.zh-CN';

const messages: typeof zh = {
  nav: { allApps: 'All mini-programs', baseLibraries: 'Base libraries', apps: 'Mini-programs' },
  status: {
    app: { draft: 'Draft', online: 'Online', offline: 'Offline' },
    version: {
      uploaded: 'Uploaded', in_review: 'In review', approved: 'Approved', rejected: 'Rejected', released: 'Live',
      superseded: 'Superseded',
    },
  },
  errors: {
    'apps.version_exists': 'This version exists already',
    'apps.version_not_increasing': 'Must be greater than the latest version, {latest}',
    'apps.version_older_than_released': 'Cannot release a version older than the live one',
    'apps.use_rollback': 'This version was released before: use roll back',
    'apps.online': 'Take the mini-program offline before deleting it',
    'apps.taken_down': 'The platform took this mini-program down; only an operator can restore it',
    'packages.not_a_zip': 'Not a zip file', 'packages.corrupt': 'The zip file is corrupt',
    'packages.unsafe_path': 'The package holds an unsafe file path', 'packages.too_many_entries': 'Too many files in the package',
    'packages.too_large': 'Too large once unpacked', 'packages.zip_bomb': 'Suspicious compression ratio (zip bomb)',
    'packages.invalid_name_encoding': 'A file name in the package is not valid UTF-8',
    'packages.control_character': 'A file name in the package holds a control character',
    'packages.special_file': 'The package holds a device, pipe or socket file',
    'packages.name_collision': 'Two file names in the package differ only in case or Unicode form',
    'packages.bad_manifest': 'app.json is malformed',
  },
  apps: {
    subtitle: 'Your mini-programs, their versions and releases', create: 'New mini-program', search: 'Search name or AppID',
    empty: 'No mini-programs yet', noMatch: 'No mini-programs match', created: 'Created “{name}”',
    tagsHint: 'Type and press Enter',
  },
  appDetail: {
    tabInfo: 'Basic info', tabVersions: 'Versions', tabHostApps: 'Host apps',
    takenDown: 'The platform took this mini-program down', takeOffline: 'Take offline', bringOnline: 'Bring online',
    confirmOffline: 'Host apps will no longer open “{name}”. Take it offline?',
    confirmDelete: 'Delete “{name}” with all its versions and associations? This cannot be undone.', deleted: 'Deleted “{name}”',
    isOnline: '“{name}” is online', isOffline: '“{name}” is offline',
  },
  appInfo: {
    icon: 'Icon', noIcon: 'No icon', uploadIcon: 'Upload icon', iconHint: 'PNG or JPEG, at most 1 MiB',
    iconType: 'The icon must be PNG or JPEG', iconSize: 'The icon must be at most 1 MiB', iconUploaded: 'Icon updated',
  },
  versions: {
    chooseZip: 'Choose a zip file', noFile: 'No file chosen',
    hint: 'Upload a zip package as a new version; releasing it serves it to everyone.', upload: 'Upload a version',
    uploadSubmit: 'Upload', package: 'Package (zip)', chooseFile: 'Choose a zip file',
    versionFormat: 'Use MAJOR.MINOR.PATCH, e.g. 1.2.0', uploaded: 'Version {version} uploaded',
    empty: 'No versions yet: upload the first package', release: 'Release', rollback: 'Roll back',
    confirmRelease: 'Release version {version} of “{name}” to everyone?',
    confirmRollback: 'Roll “{name}” back to version {version}?', confirmDelete: 'Delete version {version} of “{name}”?',
    released: '{version} released', rolledBack: 'Rolled back to {version}', deleted: 'Deleted {version}',
    editChangelog: 'Release notes of {version}',
  },
  compare: {
    open: 'Compare versions', title: 'Compare versions', from: 'Older', to: 'Newer', files: 'Files', change: 'Change',
    path: 'File', added: 'Added', removed: 'Removed', changed: 'Changed', same: 'The two versions have the same files',
    pickTwo: 'Choose two different versions', unchanged: '{n} more files are unchanged',
  },
  privacy: {
    tab: 'Privacy',
    hint: 'The privacy declaration users see before they authorise: your policy and why the mini-program needs each kind of data.',
    policyUrl: 'Privacy policy URL', urlInvalid: 'Enter an http(s) URL', items: 'Data collected', dataType: 'Kind of data',
    purposePlaceholder: 'Why the mini-program needs it', add: 'Add a kind of data', empty: 'No user data declared',
    saved: 'Saved the privacy declaration of {name}',
    types: {
      userInfo: 'User profile', phoneNumber: 'Phone number', location: 'Location', address: 'Postal address', camera: 'Camera',
      microphone: 'Microphone', album: 'Photo album', clipboard: 'Clipboard', bluetooth: 'Bluetooth', contacts: 'Contacts',
      calendar: 'Calendar', deviceInfo: 'Device information', wallet: 'Wallet', idCard: 'ID card',
    },
  },
  web3: {
    tab: 'Web3', hint: 'For Web3 mini-programs: where the code lives, the third-party audit and the contracts it calls.',
    repositoryUrl: 'Source repository', auditCertificate: 'Audit certificate', noCertificate: 'No certificate uploaded',
    replaceCertificate: 'Replace', certUploaded: 'Uploaded {name}', certTooLarge: 'The file is larger than {max}',
    securityRating: 'Security rating', securityRatingPlaceholder: 'e.g. the auditor and its rating', contracts: 'Contracts',
    chain: 'Chain', address: 'Address', contractName: 'Name', addContract: 'Add contract', noContracts: 'No contracts listed',
    chainInvalid: 'Lower-case letters, digits and - only', confirmRemove: 'Remove the contract {name} from the list?',
    saved: 'Saved the Web3 information of {name}',
  },
  baseLibraries: {
    subtitle: 'Versions of the base library that mini-program packages may require', create: 'New version',
    editTitle: 'Edit base library {version}', version: 'Version', notes: 'Release notes', empty: 'No base-library versions yet',
    versionInvalid: 'Use MAJOR.MINOR.PATCH, e.g. 3.2.0', status: { active: 'Active', deprecated: 'Deprecated' },
    deprecate: 'Deprecate', reactivate: 'Reactivate',
    confirmDeprecate: 'Deprecate base library {version}? New packages should no longer require it.',
    confirmDelete: 'Delete base library {version}? This cannot be undone.', created: 'Added base library {version}',
    updated: 'Saved base library {version}', deleted: 'Deleted base library {version}',
    deprecated: 'Deprecated base library {version}', reactivated: 'Reactivated base library {version}',
  },
  platformApps: {
    subtitle: 'Every organisation’s mini-programs; take down what breaks the rules', takedown: 'Take down', restore: 'Restore',
    byPlatform: 'Taken down',
    confirmTakedown: 'Taking “{name}” down stops it in every host app, and its organisation cannot undo it. The reason:',
    confirmRestore: 'Restore “{name}”?', takenDown: 'Took “{name}” down', restored: 'Restored “{name}”',
  },
};

export default messages;
