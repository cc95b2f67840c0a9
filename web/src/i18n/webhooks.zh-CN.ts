// Webhooks 的中文文案：机构与平台的事件推送地址、投递记录。
const messages = {
  nav: { webhooks: '事件推送', platformWebhooks: '平台事件推送' },
  errors: {
    'webhooks.not_found': 'Webhook 地址不存在',
    'webhooks.message_not_found': '投递消息不存在',
    'webhooks.endpoint_disabled': '该地址已停用，请先启用后再重新投递',
    'webhooks.too_many': '平台 Webhook 地址数量已达上限（{limit}）',
  },
  fieldErrors: {
    invalid_url: '请填写以 https:// 开头的完整地址（不带 # 锚点）',
    http_not_allowed: '平台只允许 https:// 地址',
    private_address: '接收地址必须是公网地址（不能是内网、本机或 localhost）',
    credentials_in_url: '不要把用户名密码写在地址里，请放在自定义请求头中',
    unknown_event_type: '未知的事件类型',
    platform_event: '该事件只推送给平台的地址',
    unknown_app: '本机构没有这个小程序',
    invalid_header_name: '请求头名称只能包含字母、数字和 -',
    reserved_header: '该请求头由 Cove 设置，不能自定义',
    invalid_header_value: '请求头的值须为一行，最多 1000 个字符',
  },
  webhooks: {
    subtitle: '机构的事件（版本发布、审核结果、灰度进度……）按 Standard Webhooks 规范签名后推送到你的地址',
    platformSubtitle: '所有机构的事件推送到平台的地址（运维、审计系统）',
    create: '添加地址', editTitle: '编辑 Webhook 地址', url: '接收地址', description: '描述', events: '事件',
    allEvents: '全部事件', wholeModule: '{module} 模块的全部事件', appIds: '只推送这些小程序的事件（AppID）',
    appIdsHint: '留空表示全部小程序；与小程序无关的事件照常推送', headers: '自定义请求头', headerName: '名称', headerValue: '值',
    addHeader: '添加请求头', createdTitle: '地址已添加：请保存签名密钥', rotatedTitle: '新的签名密钥（旧密钥 24 小时内仍会同时签名）',
    saved: '已保存', deleted: '地址已删除', confirmDelete: '删除 {url} 及其投递记录？', confirmRotate: '为 {url} 生成新的签名密钥？旧密钥 24 小时内仍会同时签名。',
    confirmDisable: '停用 {url}？停用期间的事件不会推送给它。', rotate: '轮换密钥', test: '发送测试', testQueued: '测试事件已发送',
    enable: '启用', disable: '停用', enabled: '启用中', disabled: '已停用', enabledNow: '已启用', disabledNow: '已停用',
    reason: { gone: '对方返回 410，已自动停用', failing: '连续 5 天投递失败，已自动停用' },
    health: '近 24 小时', attempts24h: '{n} 次投递', lastFailure: '最近失败', empty: '暂无 Webhook 地址',
    log: '投递记录', logTitle: '投递记录 · {url}', refresh: '刷新', since: '起始时间', recover: '重新投递失败消息',
    recovered: '已重新排队 {n} 条消息', resend: '重发', resendQueued: '已重新排队', messageId: '消息 ID', eventType: '事件类型',
    attempts: '次数', lastResult: '最近结果', createdAt: '创建时间', noMessages: '暂无投递记录', more: '加载更多',
    payload: '消息内容', attemptList: '投递尝试', trigger: '触发', result: '结果', duration: '耗时', response: '响应 / 错误', noAnswer: '无响应',
    messageStatus: { pending: '待投递', delivered: '已送达', failed: '失败' },
    triggers: { scheduled: '自动', resend: '重发', recover: '恢复', test: '测试' },
  },
};

export default messages;
