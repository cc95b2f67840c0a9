// English messages of version review; the same keys as review.zh-CN.ts.
import type zhCN from './review.zh-CN';

const messages: typeof zhCN = {
  nav: { reviews: 'Review queue', reviewDetail: 'Version review' },
  overview: { pendingReviews: 'Versions to review' },
  status: {
    review: { submitted: 'Pre-checking', in_review: 'In review', approved: 'Approved', rejected: 'Rejected', withdrawn: 'Withdrawn' },
  },
  errors: {
    'review.not_found': 'No such review',
    'review.already_open': 'Version {version} is in review: wait for the decision or withdraw it',
    'review.not_submittable': 'A version in this state cannot be submitted for review',
    'review.not_open': 'This version has no review waiting for a decision',
    'review.claimed': '{name} is working on this review',
    'review.invalid_transition': 'The review cannot do that in its current state',
    'review.approval_required': 'This version needs an approved review before release: submit it for review',
    'review.version_under_review': 'This version is in review: withdraw it before deleting it',
    'apps.not_reviewable': 'A version that was released is not reviewed again',
  },
  review: {
    screenshots: 'Screenshots', addScreenshot: 'Add screenshot', shotTooLarge: '{name} is larger than 1 MB',
    submit: 'Submit for review', submitTitle: 'Submit version {version} for review', notes: 'Notes for the reviewer', notesHint: 'What changed and how to test it',
    testAccount: 'Test account', username: 'Username', password: 'Password', accountNote: 'About the account', expedite: 'Expedite',
    releaseOnApproval: 'Release when approved', submitted: 'Submitted; automated pre-checks done: {status}', withdraw: 'Withdraw review',
    confirmWithdraw: 'Withdraw the review of version {version}?', withdrawn: 'Review of version {version} withdrawn', tab: 'Reviews',
    empty: 'No reviews yet', column: 'Review', none: 'Not submitted', checks: 'Automated pre-checks', result: { pass: 'Pass', warn: 'Warning', fail: 'Fail' },
    counts: '{pass} passed · {warn} warnings · {fail} failed', reason: 'Reason', submittedAt: 'Submitted', decidedAt: 'Decided',
    checkNames: { structure: 'Package structure', limits: 'Size and files', dynamic_code: 'Dynamic code', privacy: 'Privacy declaration', domains: 'Domains', keywords: 'Keywords' },
    evidence: 'Evidence', file: 'File', line: 'Line', excerpt: 'Excerpt', queueHint: 'Versions whose pre-checks passed wait for a reviewer; a claim keeps other reviewers off an item.',
    app: 'Mini-program', org: 'Organisation', version: 'Version', expedited: 'Expedited', normal: 'Normal', allPriorities: 'All priorities', claim: 'Claim',
    claimedBy: '{name} until {time}', claimed: 'Claimed', open: 'Review', approve: 'Approve', reject: 'Reject',
    confirmApprove: 'Approve version {version} of {app}?', approved: 'Approved {app} {version}', rejectTitle: 'Reject {app} {version}',
    category: 'Category', rejected: 'Rejected {app} {version}', history: 'History', diff: 'Changes since the released {version}',
    noDiff: 'No released version to compare with', added: 'Added', removed: 'Removed', changed: 'Changed', unchanged: '{n} files unchanged',
    details: 'Submission', releaseOnApprovalOn: 'Released on approval', backToQueue: 'Back to the queue', policyRequired: 'Releases of this organisation need review',
    policyNotRequired: 'This organisation releases without review',
    categories: { content: 'Content', privacy: 'Privacy', functionality: 'Functionality', security: 'Security', qualification: 'Qualification', other: 'Other', precheck: 'Automated pre-check' },
    actions: { submitted: 'Submitted', prechecked: 'Pre-checks done', claimed: 'Claimed', approved: 'Approved', rejected: 'Rejected', withdrawn: 'Withdrawn', released: 'Released on approval', release_failed: 'Release on approval failed' },
  },
};

export default messages;
