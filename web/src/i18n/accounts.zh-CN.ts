// 简体中文 (default) messages of sign-in, registration, setup, my account, organisations and their review, operators,
// platform settings, members, invitations, API keys.
// Merged with the other modules' files by i18n/index.ts; accounts.en-US.ts has the same keys.
export default {
  nav: {
    orgReview: '机构审核', operators: '运营人员', settings: '平台设置', members: '成员与邀请', apiKeys: 'API 密钥', orgSettings: '机构设置',
    account: '我的账号',
  },
  status: {
    org: { pending: '待审核', active: '正常', rejected: '已驳回', suspended: '已停用' },
    key: { active: '有效', expired: '已过期', revoked: '已吊销' },
    invitation: { pending: '待接受', accepted: '已接受', revoked: '已撤销', expired: '已过期' },
  },
  errors: {
    'setup.invalid_token': '初始化链接无效：请从服务器日志复制完整链接', 'setup.not_available': '平台已经初始化，请直接登录',
    'auth.invalid_credentials': '邮箱或密码不正确', 'auth.locked': '尝试次数过多，账号已临时锁定，请 {retryAfterSeconds} 秒后再试',
    'auth.account_disabled': '账号已被停用', 'auth.totp_invalid': '验证码不正确或已使用', 'auth.password_change_required': '请先修改密码',
    'auth.2fa_enrollment_required': '请先开启两步验证', 'orgs.owner_exists': '该邮箱已有账号：已有账号请通过邀请加入机构', 'orgs.license_exists': '该执照号已被注册',
    'orgs.invalid_transition': '机构当前状态不允许此操作', 'members.last_owner': '机构至少需要一位所有者', 'members.owner_required': '只有所有者可以执行这个操作',
    'members.reset_not_allowed': '该账号同时属于其他机构或是平台运营人员，请联系平台重置', 'invitations.already_member': '对方已经是成员',
    'invitations.not_found': '邀请不存在', 'invitations.gone': '邀请已被使用、撤销或已过期', 'invitations.email_mismatch': '当前账号的邮箱与邀请不一致',
    'invitations.account_exists': '该邮箱已有账号，请先登录再接受', 'invitations.already_pending': '已有一个待接受的邀请，请先撤销',
    'api_keys.limit_reached': 'API 密钥数量已达上限',
  },
  signIn: {
    title: '登录', subtitle: '使用你的邮箱和密码登录控制台', submit: '登录', verify: '验证', totpTitle: '两步验证', totpHint: '请输入身份验证器中的 6 位验证码，或一个恢复码',
    code: '验证码或恢复码', noAccount: '还没有机构账号？', registerOrg: '注册机构', heroTitle: '自托管的小程序开放平台',
    heroText: '审核机构、发布小程序、管理宿主 App —— 一个程序全部搞定。',
  },
  register: {
    title: '机构注册', subtitle: '提交后由平台运营方审核，通过后即可登录开发中心。', orgSection: '机构信息', ownerSection: '管理员账号（机构所有者）', submit: '提交注册',
    haveAccount: '已有账号？', licenseFormat: '只能包含字母、数字和连字符，最多 64 位', submittedTitle: '注册已提交',
    submittedText: '「{name}」的注册申请已提交，正在等待平台审核。', submittedNext: '审核期间可以用 {email} 登录查看进度。', stepSubmitted: '提交申请',
    stepReview: '平台审核', stepActive: '开通使用',
  },
  changePassword: { title: '修改密码', forced: '为了账号安全，请先设置一个新密码再继续。', submit: '修改密码', done: '密码已修改' },
  setup: {
    title: '初始化平台', intro: '创建平台的第一个管理员账号。这个链接只能使用一次。', noToken: '链接不完整：请从服务器日志中复制完整的初始化链接（包含 # 之后的部分）。',
    unavailable: '平台已经初始化，请直接登录；如需账号请联系平台管理员。', toSignIn: '去登录', submit: '创建管理员', done: '管理员已创建，请登录',
  },
  account: {
    twoFactor: '两步验证（TOTP）', totpOn: '登录时需要输入身份验证器中的验证码。', totpOff: '开启后，登录时除了密码还需要输入身份验证器中的验证码。', enableTotp: '开启两步验证',
    disableTotp: '关闭两步验证', scan: '用身份验证器 App（如 Google Authenticator、Microsoft Authenticator）扫描二维码：', qrAlt: '两步验证二维码',
    manualKey: '无法扫码？手动输入密钥：', enterCode: '输入 App 显示的 6 位验证码', confirmTotp: '验证并开启', totpEnabled: '两步验证已开启',
    totpDisabled: '两步验证已关闭', recoveryTitle: '请保存恢复码', recoveryText: '手机丢失时可以用恢复码登录，每个只能用一次。它们只显示这一次。', recoverySaved: '我已保存恢复码',
    enrollRequired: '你所在的机构或平台要求开启两步验证，开启后才能继续使用。', password: '修改密码', passwordChanged: '密码已修改，其他设备上的登录已退出', sessions: '登录会话',
    device: '设备', ip: 'IP 地址', lastUsed: '最近活动', thisDevice: '当前设备', revoke: '退出', confirmRevoke: '让 {what} 退出登录？',
    sessionRevoked: '已退出该会话', noSessions: '没有活动会话',
  },
  orgSettings: {
    subtitle: '机构资料、营业执照与安全要求', profile: '机构资料', require2fa: '要求所有成员开启两步验证', imposed: '平台已于 {at} 要求开启，机构不能关闭',
    uploadLicense: '上传营业执照', replaceLicense: '重新上传', licenseHint: 'PNG、JPEG 或 PDF，不超过 10 MiB；平台审核时会查看。',
    licenseUploaded: '营业执照已上传',
  },
  orgs: {
    subtitle: '审核机构注册申请，管理机构状态', search: '搜索名称、执照号或邮箱', empty: '没有符合条件的机构', detail: '机构详情', licenseAttachment: '营业执照',
    noAttachment: '未上传执照附件', action: { approve: '通过', reject: '驳回', suspend: '停用', reactivate: '恢复' },
    confirm: {
      approve: '确定通过机构「{name}」的注册申请吗？', reject: '驳回机构「{name}」的注册申请，请填写原因：', suspend: '停用机构「{name}」后，其成员将无法操作、宿主 App 将停止服务。请填写原因：',
      reactivate: '确定恢复机构「{name}」吗？',
    },
    done: { approve: '已通过「{name}」', reject: '已驳回「{name}」', suspend: '已停用「{name}」', reactivate: '已恢复「{name}」' },
  },
  orgPolicies: {
    security: '安全', require2fa: '强制两步验证', require2faHint: '未开启两步验证的成员下次登录时须先完成绑定。', imposedAt: '于 {time} 起强制', impose: '强制两步验证',
    lift: '取消强制', confirmImpose: '要求 {name} 的所有成员开启两步验证？', confirmLift: '取消 {name} 的两步验证要求？', imposed: '{name} 已强制两步验证',
    lifted: '{name} 已不再强制两步验证', quotas: '配额', quotasHint: '未单独设置的配额沿用平台默认值。', override: '单独设置', default: '平台默认：{value}',
    effective: '当前生效：{value}', saveQuotas: '保存配额', quotasSaved: '已保存 {name} 的配额',
    quota: { maxApps: '小程序', maxHostApps: '宿主 App', maxMembers: '成员', maxGrayPlans: '灰度计划', maxPackageBytes: '单个代码包上限' },
  },
  operators: {
    subtitle: '平台运营人员与角色', create: '添加运营人员', empty: '没有运营人员', disable: '停用', enable: '启用',
    confirmDisable: '停用 {name}？其所有登录会话将失效。', confirmRemove: '取消 {name}（{email}）的运营人员身份？账号本身会保留。', removed: '已取消 {name} 的运营人员身份',
    tempPasswordTitle: '{name} 的初始密码', tempHint: '系统会生成一个初始密码，对方首次登录时必须修改。',
  },
  settings: {
    subtitle: '品牌、安全策略与配额默认值，保存后立即生效', readOnly: '你可以查看平台设置；修改需要平台管理员权限', tabBranding: '品牌', tabSecurity: '安全',
    tabQuotas: '配额默认值', productName: '产品名称', loginTitle: '登录页标题', loginText: '登录页说明', copyright: '版权信息', preview: '登录页预览',
    builtIn: '使用内置图片', useBuiltIn: '恢复内置', imageUpdated: '图片已更新', confirmResetImage: '恢复内置的{image}？',
    image: { logo: 'Logo', loginImage: '登录页背景', favicon: '网站图标' }, quotasHint: '每个机构的默认上限；单个机构可以单独调整。',
    security: {
      passwordMinLength: '密码最短长度', passwordMinClasses: '密码至少包含几类字符', passwordExpiryDays: '密码有效期（天，0 为永久）',
      passwordHistory: '不能重复最近几个密码', lockoutMaxFailures: '连续失败几次后锁定', lockoutMinutes: '锁定时长（分钟）', ipMaxFailures: '单个 IP 失败上限',
      accessTtlSeconds: '访问令牌有效期（秒）', refreshTtlDays: '登录会话有效期（天）', invitationTtlHours: '邀请链接有效期（小时）',
      apiKeyRequestsPerMinute: '每个 API 密钥每分钟请求数', require2faOperators: '运营人员必须开启两步验证', corsOrigins: '允许跨域访问 API 的来源',
    },
  },
  platformRoles: { platform_admin: '平台管理员', platform_reviewer: '审核员' },
  roles: { owner: '所有者', admin: '管理员', developer: '开发者', viewer: '只读成员' },
  scopes: {
    org_read: '查看机构', org_manage: '管理机构资料', members_read: '查看成员', members_manage: '管理成员', apps_read: '查看小程序', apps_write: '创建和上传',
    apps_release: '发布与回滚', audit_read: '查看操作日志',
  },
  members: {
    create: '直接添加成员', createHint: '立即创建账号。成员用此密码登录，首次登录须修改密码。', initialPassword: '初始密码', generate: '生成', created: '已添加 {name}',
    initialPasswordTitle: '{name} 的初始密码', subtitle: '机构成员、角色与邀请', invite: '邀请成员', sendInvite: '生成邀请链接', tabMembers: '成员',
    tabInvitations: '邀请', empty: '还没有成员', noInvitations: '还没有邀请', roleChanged: '{name} 的角色已改为{role}',
    confirmRemove: '将 {name}（{email}）移出机构？账号本身会保留。', removed: '已移除 {name}', resetPassword: '重置密码',
    confirmReset: '为 {name} 生成临时密码？对方的所有登录会话将失效。', tempPasswordTitle: '{name} 的临时密码', inviteLinkTitle: '发给 {email} 的邀请链接',
    revoke: '撤销', confirmRevokeInvite: '撤销发给 {email} 的邀请？', inviteRevoked: '已撤销发给 {email} 的邀请',
  },
  invite: {
    title: '加入机构', text: '你被邀请以「{role}」身份加入「{org}」。', unusable: '邀请链接不可用', accept: '接受邀请', acceptCreate: '创建账号并加入',
    createAccount: '设置你的姓名和密码来创建账号：', signInFirst: '{email} 已有账号，请先登录再接受邀请。', otherAccount: '当前登录的账号不是 {email}，接受可能会失败。',
    joined: '已加入「{org}」',
  },
  apiKeys: {
    rotate: '轮换', rotateTitle: '轮换「{name}」的密钥', rotatedTitle: '「{name}」的新密钥', graceHours: '旧密钥继续有效（小时）',
    rotateText: '生成新密钥，ID、权限范围和有效期不变。旧密钥在宽限期内仍可使用，0 表示立即失效。', subtitle: '给 CI 脚本和 cove publish 使用的机构密钥', create: '创建 API 密钥',
    empty: '还没有 API 密钥', namePlaceholder: '例如：GitLab CI 发布', createdTitle: 'API 密钥「{name}」已创建', revoke: '吊销',
    confirmRevoke: '吊销 API 密钥「{name}」（{prefix}…）？使用它的脚本会立即失败。', revoked: '已吊销「{name}」',
  },
};
