// English messages of host apps, their APIs and menus, associations with mini-programs.
// Typed by hostApps.zh-CN.ts, so a key missing on either side fails the type check.
import type zh from './hostApps.zh-CN';

const messages: typeof zh = {
  nav: { hostApps: 'Host apps' }, status: { hostApp: { active: 'Active', disabled: 'Disabled' } },
  hostApps: {
    defs: 'APIs & menus', defsCount: 'APIs {apis} · menus {menus}', defsTitle: 'APIs & menus of {name}',
    defsHint: 'Custom APIs and menu items this host app offers mini-programs. An associated mini-program uses only those granted to it.',
    customApis: 'Custom APIs', menus: 'Menu items', addApi: 'Add API', addMenu: 'Add menu item',
    apiDescription: 'What it does (optional)', menuTitle: 'Title shown in the menu', noCustomApis: 'No custom APIs defined',
    noMenus: 'No menu items defined', apiNameInvalid: 'Starts with a lower-case letter; letters and digits only; 2–64 characters',
    menuIdInvalid: 'Starts with a letter; letters, digits, _ and -; up to 64 characters',
    confirmDropDefs: 'Remove {names} from {host}? Mini-programs granted them lose them.',
    defsSaved: 'Saved the APIs and menus of {name}', grants: 'Granted APIs & menus', noGrants: 'None granted',
    editGrants: 'Grants', grantsTitle: 'What {app} may use in {host}',
    grantsHint: 'Tick the custom APIs and menu items this mini-program may use in the host app.',
    grantsSaved: 'Saved the grants of {app} in {host}',
    subtitle: 'Apps that embed the Cove SDK; each has its own SDK key and secret', create: 'New host app',
    empty: 'No host apps yet', addBundle: 'Add a bundle ID', createdTitle: '“{name}” created',
    rotatedTitle: 'New secret of “{name}”', rotate: 'Rotate secret',
    confirmRotate: 'The old SDK secret of “{name}” stops working at once; shipped apps need the new one. Rotate?',
    confirmDelete: 'Delete the host app “{name}” with all its associations?', deleted: 'Deleted “{name}”',
    associations: 'Mini-programs it may run', pickApp: 'Choose a mini-program', associate: 'Associate', dissociate: 'Dissociate',
    crossOrg: 'Other organisation', confirmDissociate: '“{host}” will no longer run “{app}”. Continue?',
    associated: '“{host}” may now run “{app}”', dissociated: '“{host}” no longer runs “{app}”',
    noAssociations: 'No mini-programs associated yet',
    search: 'Search by name or SDK key',
    noMatch: 'No host app matches',
  },
  appHostApps: {
    hint: 'A host app may run this mini-program while its switch is on.', allowed: 'May run',
    empty: 'Your organisation has no host apps yet', goCreate: 'Create a host app',
  },
  platforms: { ios: 'iOS', android: 'Android', harmony: 'HarmonyOS' },
  errors: {
    'host_apps.not_found': 'No such host app',
    'host_apps.not_associated': 'The host app is not associated with this mini-program',
    'runtime.app_not_found': 'No such mini-program for this host app',
    'runtime.app_offline': 'The mini-program is offline',
    'runtime.bad_signature': 'Wrong request signature',
    'runtime.bundle_mismatch': 'The bundle id is not one the host app registered',
    'runtime.clock_skew': 'The request time is too far from the server’s: fix the device clock',
    'runtime.host_app_disabled': 'The host app is disabled',
    'runtime.not_associated': 'The host app may not run this mini-program',
    'runtime.not_released': 'The mini-program has no released version',
    'runtime.package_not_found': 'No such package',
    'runtime.replay': 'The request was sent twice (nonce used already)',
    'runtime.unauthenticated': 'The SDK signature headers are missing',
    'runtime.unavailable': 'The runtime is unavailable: try again shortly',
    'runtime.unknown_sdk_key': 'Unknown SDK key',
  },
};

export default messages;
