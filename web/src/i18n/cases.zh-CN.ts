// 简体中文 (default) messages of violation reports, cases and appeals (举报处理). cases.en-US.ts
// has the same keys.
export default {
  nav: { cases: '举报处理', caseDetail: '举报案件', orgCases: '违规处理' },
  overview: { openCases: '待处理举报', pendingAppeals: '待处理申诉' },
  status: {
    case: { open: '待处理', dismissed: '已驳回举报', warned: '已警告', taken_down: '已下架', restored: '已恢复' },
    appeal: { pending: '申诉中', upheld: '维持下架', restored: '申诉成功' },
  },
  errors: {
    'cases.not_found': '举报案件不存在',
    'cases.file_not_found': '这个文件不属于该案件',
    'cases.invalid_transition': '案件的当前状态不能执行这个操作',
    'cases.not_taken_down': '只有被下架的小程序可以申诉',
    'cases.appeal_exists': '这次下架已经申诉过',
    'cases.no_pending_appeal': '这个案件没有待处理的申诉',
    'cases.too_many_reports': '举报过于频繁，请稍后再试',
  },
  cases: {
    hint: '同一小程序的举报合并为一个案件；已结案的案件收到新举报会重新打开。',
    app: '小程序', org: '机构', reports: '举报数', openReports: '本轮举报', lastReport: '最近举报', categoriesLabel: '举报类型',
    allCategories: '全部类型', view: '处理', dismiss: '驳回举报', warn: '警告机构', takedown: '下架', uphold: '维持下架', restore: '恢复上架',
    note: '备注', message: '警告内容', reason: '下架原因', decisionNote: '处理说明',
    dismissTitle: '驳回对 {app} 的举报', warnTitle: '警告 {app} 的机构', takedownTitle: '下架 {app}',
    upholdTitle: '维持 {app} 的下架', restoreTitle: '恢复 {app} 上架',
    dismissed: '已驳回举报', warned: '已发出警告', takenDown: '已下架 {app}', upheld: '已维持下架', restored: '已恢复 {app}',
    reportList: '举报记录', history: '处理记录', appeals: '申诉', files: '附件', source: '来源', text: '内容', reporter: '举报人',
    sources: { runtime: '用户（宿主 App）', org: '机构', platform: '运营方' },
    categories: { fraud: '欺诈', illegal: '违法违规', privacy: '侵犯隐私', malicious: '恶意行为', copyright: '侵权', other: '其他' },
    actions: { opened: '立案', reopened: '重新打开', reported: '收到举报', dismissed: '驳回举报', warned: '警告', taken_down: '下架', appealed: '提交申诉', appeal_upheld: '维持下架', restored: '恢复上架' },
    resolution: '处理结果', appeal: '申诉', appealTitle: '对 {app} 的下架提出申诉', appealText: '申诉理由',
    appealHint: '每次下架只能申诉一次。可附上截图或 PDF（最多 5 个，每个不超过 2 MB）。', attachments: '附件',
    addFile: '添加文件', appealed: '已提交申诉', appealPending: '申诉处理中', empty: '没有违规记录', noReports: '没有举报',
    fileTooLarge: '{name} 超过 2 MB', takedownNotice: '运营方已下架该小程序：{reason}', warningNotice: '运营方警告：{message}',
    download: '下载', none: '无',
  },
};
