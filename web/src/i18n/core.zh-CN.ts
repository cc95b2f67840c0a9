// 简体中文 (default) messages of the console frame and what every screen shares: common words, form fields and
// validation, field errors, generic API errors, the organisation overview, 403/404 pages.
// Merged with the other modules' files by i18n/index.ts; core.en-US.ts has the same keys.
export default {
  nav: { opsConsole: '运营端', orgConsole: '开发中心', dashboard: '概览', signOut: '退出登录', menu: '菜单', switchOrg: '切换机构' },
  errors: {
    network: '网络错误，请检查连接后重试', unknown: '出错了，请稍后重试', unauthenticated: '登录已失效，请重新登录', forbidden: '你没有权限执行这个操作',
    not_found: '内容不存在或已被删除', rate_limited: '操作太频繁，请稍后再试', validation_failed: '请检查填写的内容', 'quota.exceeded': '已达到配额上限（{limit}）',
    storage_full: '服务器存储空间已满，请稍后再试', payload_too_large: '文件太大，超出上限', unsupported_media_type: '不支持的文件类型',
  },
  common: {
    language: '语言', actions: '操作', all: '全部', allStatuses: '全部状态', back: '返回', backHome: '返回首页', cancel: '取消',
    confirmTitle: '请确认', copied: '已复制到剪贴板', copy: '复制', upload: '上传', create: '创建', delete: '删除', done: '完成', download: '下载',
    edit: '编辑', loadFailed: '加载失败', next: '下一页', prev: '上一页', page: '第 {n} 页', off: '未开启', on: '已开启',
    reasonPlaceholder: '请填写原因（对方可见）', reasonRequired: '请填写原因（1–500 字）', remove: '移除', reset: '重置', retry: '重试', save: '保存',
    saved: '已保存',
  },
  fields: {
    email: '邮箱', password: '密码', name: '姓名', currentPassword: '当前密码', newPassword: '新密码', confirmPassword: '确认新密码',
    orgName: '机构名称', orgId: '机构 ID', licenseNo: '统一社会信用代码 / 执照号', contact: '联系人', contactName: '联系人', contactEmail: '联系邮箱',
    contactPhone: '联系电话', status: '状态', reason: '原因', createdAt: '创建时间', updatedAt: '更新时间', reviewedAt: '审核时间', members: '成员数',
    appName: '小程序名称', appId: 'AppID', category: '分类', summary: '简介', description: '详细介绍', tags: '标签', releasedVersion: '线上版本',
    version: '版本号', changelog: '更新说明', size: '大小', sha256: 'SHA-256', uploadedAt: '上传时间', hostAppName: '宿主 App 名称',
    sdkKey: 'SDK Key', bundleIds: 'Bundle ID / 包名', role: '角色', twoFactor: '两步验证', joinedAt: '加入时间', invitedBy: '邀请人',
    expiresAt: '过期时间', scopes: '权限范围', lastUsed: '最近使用', createdBy: '创建人', expiresInDays: '有效期（天）',
  },
  validation: { required: '必填', email: '请输入有效的邮箱地址', mismatch: '两次输入的密码不一致', max: '最多 {n} 个字符' },
  fieldErrors: {
    required: '必填', too_long: '太长了', too_short: '太短了', too_weak: '密码强度不够：请混合大小写字母、数字和符号', reused: '不能使用最近用过的密码', incorrect: '不正确',
    invalid: '格式不正确', unknown_field: '未知字段', out_of_range: '超出允许范围', invalid_type: '类型不正确', duplicate: '重复了', too_many: '数量太多',
    unknown_scope: '未知的权限范围', not_permitted: '你本人没有这个权限', invalid_email: '请输入有效的邮箱地址', not_defined: '未定义', unknown_value: '不支持的值',
    duplicate_key: '同一个字段出现了两次',
  },
  forbidden: { title: '没有权限', text: '你的角色无权访问这个页面。如需访问，请联系机构管理员或平台运营方。' },
  notFound: { title: '页面不存在', text: '你访问的页面不存在，可能链接有误或已被删除。' },
  secret: { once: '这是唯一一次显示，请立即复制并妥善保存。', secret: '密钥', saved: '我已保存' },
  dashboard: {
    subtitle: '机构概况与配额使用', apps: '小程序', online: '已上线', hostApps: '宿主 App', members: '成员', quotas: '配额使用', byStatus: '小程序状态分布',
    recent: '最近更新的小程序', quota: { apps: '小程序', hostApps: '宿主 App', members: '成员', grayPlans: '灰度计划', packageSize: '单个代码包上限' },
    status: {
      pending: { title: '机构正在审核中', text: '平台运营方审核通过后，你就可以创建小程序和宿主 App。' },
      rejected: { title: '注册申请被驳回', text: '请根据驳回原因修改资料后重新注册。' }, suspended: { title: '机构已被停用', text: '机构已被平台停用，请联系平台运营方。' },
      active: { title: '', text: '' },
    },
  },
  releases: { title: '最近发布', version: '版本', changelog: '更新说明', releasedAt: '发布时间', empty: '还没有发布过版本' },
};
