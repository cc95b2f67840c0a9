// 域名管理的中文文案：小程序的服务域名 / 业务域名、平台白名单与黑名单。
const messages = {
  nav: { domainLists: '域名白名单/黑名单' },
  errors: {
    'domains.precondition_required': '保存前请先加载最新的域名配置',
    'domains.etag_mismatch': '域名配置已被他人修改，请刷新后再保存',
    'domains.list_entry_exists': '该域名已在列表中',
    'domains.list_entry_not_found': '列表中没有这个域名',
    'domains.list_full': '列表最多 {limit} 个域名',
  },
  fieldErrors: {
    blocked: '该域名已被平台禁用',
    invalid_host: '请填写有效的域名',
    invalid_idn: '无效的国际化域名',
    invalid_port: '端口应为 1–65535 的数字',
    invalid_wildcard: '通配符只能以 *. 开头',
    ip_literal: '不能使用 IP 地址，请填写域名',
    localhost_not_allowed: '不能使用 localhost',
    path_not_allowed: '只填写协议和域名，不要带路径、参数或锚点',
    port_not_allowed: '业务域名不能指定端口',
    scheme_not_allowed: '协议不正确（socket 用 wss://，其余用 https://）',
    scheme_required: '请以 https:// 或 wss:// 开头',
    userinfo_not_allowed: '域名中不能包含用户名或密码',
    wildcard_not_allowed: '平台不允许通配符域名',
    wildcard_too_broad: '通配符范围过大',
  },
  domains: {
    tab: '域名配置',
    hint: '小程序只能访问这里配置的域名。服务域名须为 https://（socket 为 wss://），不能使用 IP 或 localhost，不带路径。',
    kinds: { request: 'request 合法域名', socket: 'socket 合法域名', upload: 'uploadFile 合法域名', download: 'downloadFile 合法域名', webview: '业务域名（web-view）' },
    placeholder: '每行一个，例如 https://api.example.com',
    save: '保存', saved: '域名配置已保存', reload: '重新加载', revision: '版本 {revision}', count: '{n} / {limit}',
    whitelist: '平台白名单', blocklist: '平台黑名单', host: '域名', channels: '适用通道', note: '备注', createdAt: '添加时间',
    add: '添加', remove: '移除', confirmRemove: '从{list}移除 {host}？', flagged: '以下小程序声明了被禁用的域名',
    flaggedApps: '受影响的小程序', allChannels: '全部通道', empty: '暂无域名',
  },
};

export default messages;
