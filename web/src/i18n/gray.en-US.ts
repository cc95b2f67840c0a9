// English messages of gray releases: rule builder, plans, simulation, UID lists.
// Typed by gray.zh-CN.ts, so a key missing on either side fails the type check.
import type zh from './gray.zh-CN';

const messages: typeof zh = {
  nav: { uidLists: 'UID lists' },
  status: {
    grayPlan: { draft: 'Draft', running: 'Running', paused: 'Paused', completed: 'Completed', rolled_back: 'Rolled back' },
  },
  errors: {
    'gray.plan_exists': 'This version already has a gray plan that is not finished',
    'gray.version_not_newer': 'The version must be newer than the released {released}',
    'gray.version_not_releasable': 'This version cannot be gray-released now',
    'gray.invalid_transition': 'A {status} plan cannot do that',
    'gray.app_not_online': 'Release a first version (the mini-program must be online) before a gray release',
    'gray.plan_finished': 'A finished plan cannot be changed',
    'gray.plan_not_draft': 'Only a draft can be deleted; roll a started plan back', 'uid_lists.bad_line': 'Line {line}: {reason}',
    'uid_lists.too_large': 'A list holds at most {limit} ids', 'uid_lists.name_taken': 'Another list has this name',
    'uid_lists.in_use': 'Gray plans that are not finished use this list',
    'uid_lists.too_many': 'An organisation keeps at most {limit} lists',
    'apps.version_in_gray_plan': 'A gray plan uses this version',
  },
  gray: {
    tab: 'Gray release',
    hint: 'A gray plan serves a new version to the users its rule selects first; everyone else keeps the released version.',
    newPlan: 'New gray plan', editPlan: 'Edit gray plan', empty: 'No gray plans yet', name: 'Plan name', version: 'Version',
    versionHint: 'Releasable versions newer than the released {released}',
    noCandidates: 'No version can be gray-released: upload a version newer than the released one first', priority: 'Priority',
    priorityHint: 'Lower numbers are matched first', current: 'Current share', noSchedule: 'by rule', rule: 'Rule',
    steps: 'Staged rollout', stepsHint: 'The share grows automatically at each time (sticky buckets: nobody falls back)',
    addStep: 'Add step', stepAt: 'Takes effect', stepPercent: 'Share', applied: 'applied', pending: 'pending', start: 'Start',
    pause: 'Pause', resume: 'Resume', complete: 'Release to all', rollback: 'Roll back', detail: 'Details',
    confirmStart: 'Start the gray plan “{name}”? Version {version} goes to the users its rule selects.',
    confirmComplete: 'Release version {version} to everyone?',
    confirmRollback: 'Roll back the gray plan “{name}”? Everyone returns to the released version.',
    confirmDelete: 'Delete the draft plan “{name}”?', done: 'Done: {action}', saved: 'Gray plan saved',
    chart: 'Configured rollout over time', chartNow: 'now', preview: 'Rollout preview', previewSample: 'Synthetic users',
    previewList: 'Use a UID list', previewRun: 'Estimate',
    previewResult: '{selected} of {size} users ({share}) would get the new version', simulate: 'Live simulation',
    simulateHint: 'Describe one user to see which version they get, and why.', simulateResult: 'This user gets',
    source: { gray: 'gray version', released: 'released version', none: 'no version' }, viaPlan: 'plan {plan}, group {group}',
    notEvaluated: 'paused: not evaluated', customAttr: 'Custom attribute', addCustom: 'Add custom attribute',
    now: 'Simulated time', matched: 'matched', notMatched: 'not matched', group: 'Group {n}', rollout: 'Staged share',
  },
  rule: {
    group: 'Group {n}', or: 'OR', and: 'AND', addGroup: 'Add group', addCondition: 'Add condition',
    everyone: 'No conditions, lists or share: this group matches everyone', attribute: 'Attribute', operator: 'Operator',
    values: 'Values', valuesHint: 'Press Enter after each value', inverted: 'Invert', caseInsensitive: 'Ignore case',
    uidLists: 'UID lists', percentage: 'Share', usePercentage: 'Limit to a share', stickiness: 'Stickiness',
    stickinessDefault: 'Default (uid, then deviceId)', groupId: 'Bucket group id', groupIdHint: 'Defaults to the plan id',
    remove: 'Remove',
    attrs: {
      uid: 'User id (uid)', platform: 'Platform (platform)', osVersion: 'OS version (osVersion)',
      deviceModel: 'Device model (deviceModel)', network: 'Network (network)', region: 'Region (region)',
      sdkVersion: 'SDK version (sdkVersion)', hostApp: 'Host app (hostApp)', ip: 'IP address (ip)', now: 'Current time (now)',
      deviceId: 'Device id (deviceId)',
    },
  },
  uidLists: {
    title: 'UID lists', name: 'Name',
    subtitle: 'Import lists of user ids to reuse in gray rules (one id a line, TXT or CSV, up to 1,000,000)',
    create: 'Import a list', empty: 'No UID lists yet', size: 'Ids', revision: 'Revision', file: 'List file',
    chooseFile: 'Choose file', replace: 'Replace', append: 'Add ids', imported: '{size} ids imported',
    confirmDelete: 'Delete the UID list “{name}”?', deleted: 'UID list “{name}” deleted', check: 'Look up an id',
    checkPlaceholder: 'A user id', isMember: '{uid} is in the list', notMember: '{uid} is not in the list',
    description: 'Description', search: 'Search by name', members: 'Ids',
  },
};

export default messages;
