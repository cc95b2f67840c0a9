// Webhooks 的中文文案：机构与平台的事件推送地址、投递记录。
const messages = {
  nav: { webhooks: 'Webhooks', platformWebhooks: '平台 Webhooks' },
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
};

export default messages;
