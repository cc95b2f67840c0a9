// English messages of violation reports, cases and appeals; the same keys as cases.zh-CN.ts.
import type zhCN from './cases.zh-CN';

const messages: typeof zhCN = {
  nav: { cases: 'Reports', caseDetail: 'Violation case', orgCases: 'Violations', reviewSettings: 'Review settings' },
  overview: { openCases: 'Reports to handle', pendingAppeals: 'Appeals to decide' },
  status: {
    case: { open: 'Open', dismissed: 'Dismissed', warned: 'Warned', taken_down: 'Taken down', restored: 'Restored' },
    appeal: { pending: 'Appealed', upheld: 'Upheld', restored: 'Granted' },
  },
  errors: {
    'cases.not_found': 'No such case',
    'cases.file_not_found': 'This file does not belong to the case',
    'cases.invalid_transition': 'The case cannot do that in its current state',
    'cases.not_taken_down': 'Only a takedown can be appealed',
    'cases.appeal_exists': 'This takedown has been appealed already',
    'cases.no_pending_appeal': 'This case has no appeal waiting for a decision',
    'runtime.file_not_found': 'The mini-program has no such file (icon or audit certificate)',
    'review.file_not_found': 'This review has no such screenshot',
    'cases.too_many_reports': 'Too many reports; try again later',
  },
  reviewSettings: {
    hint: 'Whether releases need review, the pre-checks’ keywords and limits, how long a claim holds, and the safety notice users see before they first open a mini-program.',
    required: 'Releases need review', requiredHint: 'The platform default; trusted organisations can be exempted on their Policies tab.',
    warnKeywords: 'Keywords (warning for the reviewer)', failKeywords: 'Keywords (rejected automatically)',
    keywordsHint: 'Matched literally and case-insensitively in text files; 2–50 characters each, 500 in all.',
    maxFiles: 'Files per package', maxUnpacked: 'Unpacked size (MB)', claimMinutes: 'Claim lasts (minutes)',
    safetyNotice: 'First-use safety notice', safetyNoticeHint: 'Host apps show it before a user first opens a mini-program (safetyNotice in the runtime profile); leave empty for none.',
    saved: 'Review settings saved',
    orgPolicy: 'Release review', orgFollow: 'Follow the platform ({value})', orgRequired: 'Review required', orgSelfRelease: 'Releases without review (trusted)',
    orgPolicySaved: 'Release review policy of {name} updated', on: 'required', off: 'not required',
  },
  cases: {
    hint: 'Reports on one mini-program form one case; a closed case opens again on a new report.',
    app: 'Mini-program', org: 'Organisation', reports: 'Reports', openReports: 'Since opened', lastReport: 'Last report', categoriesLabel: 'Categories',
    allCategories: 'All categories', view: 'Handle', dismiss: 'Dismiss', warn: 'Warn', takedown: 'Take down', uphold: 'Uphold', restore: 'Restore',
    note: 'Note', message: 'Warning', reason: 'Reason', decisionNote: 'Note',
    dismissTitle: 'Dismiss the reports on {app}', warnTitle: 'Warn the organisation of {app}', takedownTitle: 'Take {app} down',
    upholdTitle: 'Uphold the takedown of {app}', restoreTitle: 'Restore {app}',
    dismissed: 'Reports dismissed', warned: 'Warning sent', takenDown: '{app} taken down', upheld: 'Takedown upheld', restored: '{app} restored',
    reportList: 'Reports', history: 'History', appeals: 'Appeals', files: 'Files', source: 'Source', text: 'Text', reporter: 'Reporter',
    sources: { runtime: 'User (host app)', org: 'Organisation', platform: 'Operator' },
    categories: { fraud: 'Fraud', illegal: 'Illegal', privacy: 'Privacy', malicious: 'Malicious', copyright: 'Copyright', other: 'Other' },
    actions: { opened: 'Opened', reopened: 'Reopened', reported: 'Reported', dismissed: 'Dismissed', warned: 'Warned', taken_down: 'Taken down', appealed: 'Appealed', appeal_upheld: 'Takedown upheld', restored: 'Restored' },
    resolution: 'Resolution', appeal: 'Appeal', appealTitle: 'Appeal the takedown of {app}', appealText: 'Why it should be restored',
    appealHint: 'One appeal per takedown. Attach screenshots or PDFs (up to 5, 2 MB each).', attachments: 'Attachments',
    addFile: 'Add file', appealed: 'Appeal filed', appealPending: 'Appeal pending', empty: 'No violations', noReports: 'No reports',
    fileTooLarge: '{name} is larger than 2 MB', takedownNotice: 'An operator took this mini-program down: {reason}', warningNotice: 'Operator warning: {message}',
    fileReport: 'Report a mini-program', reportTitle: 'Report a mini-program', reportApp: 'AppID of the mini-program', reportCategory: 'Category', reportScreenshots: 'Screenshots (optional, up to 3 of 1 MB)', reportSubmit: 'Send report', reportFiled: 'Report sent',
    download: 'Download', none: 'None',
  },
};

export default messages;
