// 简体中文 (default) messages of gray releases: rule builder, plans, simulation, UID lists.
// Merged with the other modules' files by i18n/index.ts; gray.en-US.ts has the same keys.
export default {
  nav: { uidLists: 'UID 名单' },
  status: { grayPlan: { draft: '草稿', running: '灰度中', paused: '已暂停', completed: '已全量', rolled_back: '已回滚' } },
  errors: {
    'gray.plan_exists': '这个版本已有一个未结束的灰度计划', 'gray.version_not_newer': '灰度版本必须高于线上版本 {released}',
    'gray.version_not_releasable': '这个版本当前不能灰度发布', 'gray.invalid_transition': '计划当前状态（{status}）不能执行此操作',
    'gray.app_not_online': '小程序需要先上线（发布第一个版本）才能灰度', 'gray.plan_finished': '已结束的计划不能修改',
    'gray.plan_not_draft': '只能删除草稿计划；已开始的计划请回滚', 'uid_lists.bad_line': '第 {line} 行有问题：{reason}',
    'uid_lists.too_large': '一个名单最多 {limit} 个 ID', 'uid_lists.name_taken': '已有同名的名单', 'uid_lists.in_use': '还有未结束的灰度计划在使用这个名单',
    'uid_lists.too_many': '一个机构最多 {limit} 个名单', 'apps.version_in_gray_plan': '这个版本正在被灰度计划使用',
  },
  gray: {
    tab: '灰度发布', hint: '灰度计划把新版本先推给规则选中的用户，其余用户仍使用线上版本。', newPlan: '新建灰度计划', editPlan: '编辑灰度计划', empty: '还没有灰度计划', name: '计划名称',
    version: '灰度版本', versionHint: '可发布且高于线上版本 {released} 的版本', noCandidates: '没有可灰度的版本：请先上传一个高于线上版本的新版本', priority: '优先级',
    priorityHint: '数字越小越先匹配', current: '当前比例', noSchedule: '按规则', rule: '灰度规则', steps: '分阶段放量',
    stepsHint: '到点后自动提高比例（粘性分桶：已放量的用户不会回退）', addStep: '添加阶段', stepAt: '生效时间', stepPercent: '比例', applied: '已生效', pending: '待生效',
    start: '开始', pause: '暂停', resume: '继续', complete: '全量发布', rollback: '回滚', detail: '详情',
    confirmStart: '开始灰度计划“{name}”？版本 {version} 将推送给规则选中的用户。', confirmComplete: '将版本 {version} 全量发布给所有用户？',
    confirmRollback: '回滚灰度计划“{name}”？所有用户将回到线上版本。', confirmDelete: '删除草稿计划“{name}”？', done: '已完成：{action}', saved: '灰度计划已保存',
    chart: '配置的放量曲线', chartNow: '现在', preview: '放量预估', previewSample: '模拟用户数', previewList: '用 UID 名单估算', previewRun: '估算',
    previewResult: '{selected} / {size} 个用户（{share}）会拿到新版本', simulate: '实时模拟', simulateHint: '填写一个用户的上下文，查看他会拿到哪个版本以及原因。',
    simulateResult: '该用户将获得', source: { gray: '灰度版本', released: '线上版本', none: '没有可用版本' }, viaPlan: '命中计划 {plan} 的第 {group} 组',
    notEvaluated: '已暂停，不参与匹配', customAttr: '自定义属性', addCustom: '添加自定义属性', now: '模拟时间', matched: '命中', notMatched: '未命中',
    group: '第 {n} 组', rollout: '分阶段比例',
  },
  rule: {
    group: '规则组 {n}', or: '或', and: '且', addGroup: '添加规则组', addCondition: '添加条件', everyone: '此组没有条件、名单或比例：匹配所有人', attribute: '属性',
    operator: '运算符', values: '取值', valuesHint: '输入后回车，可添加多个', inverted: '取反', caseInsensitive: '忽略大小写', uidLists: 'UID 名单',
    percentage: '比例', usePercentage: '按比例', stickiness: '粘性属性', stickinessDefault: '默认（uid，其次 deviceId）', groupId: '分桶组 ID',
    groupIdHint: '默认使用计划 ID', remove: '删除',
    attrs: {
      uid: '用户 ID (uid)', platform: '平台 (platform)', osVersion: '系统版本 (osVersion)', deviceModel: '机型 (deviceModel)',
      network: '网络 (network)', region: '地区 (region)', sdkVersion: 'SDK 版本 (sdkVersion)', hostApp: '宿主 App (hostApp)',
      ip: 'IP 地址 (ip)', now: '当前时间 (now)', deviceId: '设备 ID (deviceId)',
    },
  },
  uidLists: {
    title: 'UID 名单', name: '名单名称', subtitle: '导入用户 ID 名单，在灰度规则中复用（每行一个 ID，支持 TXT / CSV，最多 100 万个）', create: '导入名单',
    empty: '还没有 UID 名单', size: 'ID 数量', revision: '版本', file: '名单文件', chooseFile: '选择文件', replace: '替换内容', append: '追加 ID',
    imported: '已导入 {size} 个 ID', confirmDelete: '删除 UID 名单“{name}”？', deleted: '已删除名单“{name}”', check: '查询 ID',
    checkPlaceholder: '输入用户 ID', isMember: '{uid} 在名单中', notMember: '{uid} 不在名单中', description: '说明', search: '搜索名单名称',
    members: '名单内容',
  },
};
