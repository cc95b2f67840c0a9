// 简体中文 (default) messages of version review: submission, pre-checks, the 待办中心 queue and
// the review page. review.en-US.ts has the same keys.
export default {
  nav: { reviews: '待办中心', reviewDetail: '版本审核' },
  overview: { pendingReviews: '待审核版本' },
  status: {
    review: { submitted: '预检中', in_review: '待审核', approved: '审核通过', rejected: '审核驳回', withdrawn: '已撤回' },
  },
  errors: {
    'review.not_found': '审核记录不存在',
    'review.already_open': '版本 {version} 正在审核中，请等待结果或先撤回',
    'review.not_submittable': '当前状态的版本不能提交审核',
    'review.not_open': '这个版本没有待决定的审核',
    'review.claimed': '{name} 正在处理这条审核',
    'review.invalid_transition': '审核的当前状态不能执行这个操作',
    'review.approval_required': '这个版本需要审核通过后才能发布，请先提交审核',
    'review.version_under_review': '版本正在审核中，请先撤回再删除',
    'apps.not_reviewable': '已发布过的版本不再审核',
  },
  review: {
    submit: '提交审核', submitTitle: '提交版本 {version} 审核', notes: '审核说明', notesHint: '告诉审核员这个版本改了什么、如何测试',
    testAccount: '测试账号', username: '用户名', password: '密码', accountNote: '账号说明', expedite: '加急审核',
    releaseOnApproval: '审核通过后自动发布', submitted: '已提交，自动预检已完成：{status}', withdraw: '撤回审核',
    confirmWithdraw: '撤回版本 {version} 的审核？', withdrawn: '已撤回版本 {version} 的审核', tab: '审核记录',
    empty: '还没有审核记录', column: '审核', none: '未提交', checks: '自动预检', result: { pass: '通过', warn: '警告', fail: '不通过' },
    counts: '通过 {pass} · 警告 {warn} · 不通过 {fail}', reason: '驳回原因', submittedAt: '提交时间', decidedAt: '决定时间',
    checkNames: { structure: '包结构', limits: '大小与文件数', dynamic_code: '动态代码', privacy: '隐私声明', domains: '域名', keywords: '关键词' },
    evidence: '证据', file: '文件', line: '行', excerpt: '摘录', queueHint: '预检通过的版本等待人工审核；认领后其他审核员不能同时处理。',
    app: '小程序', org: '机构', version: '版本', expedited: '加急', normal: '普通', allPriorities: '全部优先级', claim: '认领',
    claimedBy: '{name} 处理中，至 {time}', claimed: '已认领', open: '审核', approve: '通过', reject: '驳回',
    confirmApprove: '通过 {app} 的版本 {version}？', approved: '已通过 {app} {version}', rejectTitle: '驳回 {app} {version}',
    category: '驳回类别', rejected: '已驳回 {app} {version}', history: '处理记录', diff: '与线上版本 {version} 的差异',
    noDiff: '没有线上版本可比较', added: '新增', removed: '删除', changed: '修改', unchanged: '{n} 个文件未变',
    details: '提交信息', releaseOnApprovalOn: '通过后自动发布', backToQueue: '返回待办中心', policyRequired: '本机构发布前需要审核',
    policyNotRequired: '本机构可直接发布（无需审核）',
    categories: { content: '内容违规', privacy: '隐私问题', functionality: '功能异常', security: '安全问题', qualification: '资质不符', other: '其他', precheck: '自动预检' },
    actions: { submitted: '提交审核', prechecked: '自动预检完成', claimed: '认领', approved: '审核通过', rejected: '驳回', withdrawn: '撤回', released: '自动发布', release_failed: '自动发布失败' },
  },
};
