// 简体中文 (default) messages of host apps, their APIs and menus, associations with mini-programs.
// Merged with the other modules' files by i18n/index.ts; hostApps.en-US.ts has the same keys.
export default {
  nav: { hostApps: '宿主 App' }, status: { hostApp: { active: '启用', disabled: '停用' } },
  hostApps: {
    defs: 'API 与菜单', defsCount: '{apis} 个 API · {menus} 个菜单', defsTitle: '{name} 的 API 与菜单',
    defsHint: '宿主 App 向小程序开放的自定义 API 和菜单项。关联的小程序只能使用授予它的部分。', customApis: '自定义 API', menus: '菜单项', addApi: '添加 API',
    addMenu: '添加菜单项', apiDescription: '用途说明（可选）', menuTitle: '菜单中显示的标题', noCustomApis: '尚未定义自定义 API', noMenus: '尚未定义菜单项',
    apiNameInvalid: '以小写字母开头，只含字母和数字，2–64 个字符', menuIdInvalid: '以字母开头，只含字母、数字、_ 和 -，最多 64 个字符',
    confirmDropDefs: '从 {host} 中移除 {names}？已获授权的小程序将失去它们。', defsSaved: '已保存 {name} 的 API 与菜单', grants: '已授权的 API 与菜单',
    noGrants: '未授权', editGrants: '授权', grantsTitle: '{app} 在 {host} 中可使用的能力', grantsHint: '勾选该小程序在宿主 App 中可调用的自定义 API 和菜单项。',
    grantsSaved: '已保存 {app} 在 {host} 中的授权', subtitle: '集成 Cove SDK 的 App；每个宿主 App 有自己的 SDK Key 和密钥', create: '创建宿主 App',
    empty: '还没有宿主 App', addBundle: '添加 Bundle ID', createdTitle: '「{name}」已创建', rotatedTitle: '「{name}」的新密钥', rotate: '重置密钥',
    confirmRotate: '重置「{name}」的 SDK 密钥后旧密钥立即失效，已发布的 App 需要更新配置。确定重置吗？', confirmDelete: '删除宿主 App「{name}」及其全部关联？',
    deleted: '已删除「{name}」', associations: '可运行的小程序', pickApp: '选择小程序', associate: '关联', dissociate: '取消关联', crossOrg: '跨机构',
    confirmDissociate: '取消后「{host}」将不能再运行「{app}」，确定吗？', associated: '已允许「{host}」运行「{app}」', dissociated: '已取消「{host}」与「{app}」的关联',
    noAssociations: '还没有关联小程序',
  },
  appHostApps: { hint: '打开开关后，该宿主 App 就可以运行这个小程序。', allowed: '允许运行', empty: '机构还没有宿主 App', goCreate: '去创建宿主 App' },
  platforms: { ios: 'iOS', android: 'Android', harmony: 'HarmonyOS' },
};
