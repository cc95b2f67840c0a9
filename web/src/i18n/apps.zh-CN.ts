// 简体中文 (default) messages of mini-programs, versions and packages, privacy and Web3 tabs, base libraries,
// the operators' list of every mini-program.
// Merged with the other modules' files by i18n/index.ts; apps.en-US.ts has the same keys.
export default {
  nav: { allApps: '全部小程序', baseLibraries: '基础库版本', apps: '小程序' },
  status: {
    app: { draft: '草稿', online: '已上线', offline: '已下线' },
    version: { uploaded: '已上传', in_review: '审核中', approved: '审核通过', rejected: '审核驳回', released: '线上版本', superseded: '历史版本' },
  },
  errors: {
    'apps.version_exists': '该版本号已存在', 'apps.version_not_increasing': '版本号必须大于已上传的最新版本 {latest}',
    'apps.version_older_than_released': '不能发布比线上版本更旧的版本', 'apps.use_rollback': '这个版本发布过，请使用回滚', 'apps.online': '线上的小程序不能删除，请先下线',
    'apps.taken_down': '该小程序已被平台下架，机构无法自行恢复', 'packages.not_a_zip': '不是有效的 zip 文件', 'packages.corrupt': 'zip 文件已损坏',
    'packages.unsafe_path': '包内含有不安全的文件路径', 'packages.too_many_entries': '包内文件过多', 'packages.too_large': '解压后体积过大',
    'packages.zip_bomb': '压缩比异常，疑似压缩炸弹', 'packages.invalid_name_encoding': '包内文件名不是有效的 UTF-8 编码',
    'packages.control_character': '包内文件名含有控制字符', 'packages.special_file': '包内含有设备、管道或套接字文件',
    'packages.name_collision': '包内有两个文件名仅大小写或 Unicode 形式不同', 'packages.bad_manifest': 'app.json 格式不正确',
  },
  apps: {
    subtitle: '管理机构的小程序、版本与发布', create: '创建小程序', search: '搜索名称或 AppID', empty: '还没有小程序', noMatch: '没有符合条件的小程序',
    created: '已创建「{name}」', tagsHint: '输入后回车添加',
  },
  appDetail: {
    tabInfo: '基本信息', tabVersions: '版本管理', tabHostApps: '关联宿主 App', takenDown: '该小程序已被平台下架', takeOffline: '下线',
    bringOnline: '重新上线', confirmOffline: '下线后宿主 App 将无法打开「{name}」，确定下线吗？', confirmDelete: '删除小程序「{name}」及其全部版本和关联？此操作不可恢复。',
    deleted: '已删除「{name}」', isOnline: '「{name}」已上线', isOffline: '「{name}」已下线',
  },
  appInfo: {
    icon: '小程序图标', noIcon: '暂无图标', uploadIcon: '上传图标', iconHint: 'PNG 或 JPEG，不超过 1 MiB', iconType: '图标只能是 PNG 或 JPEG',
    iconSize: '图标不能超过 1 MiB', iconUploaded: '图标已更新',
  },
  versions: {
    chooseZip: '选择 zip 文件', noFile: '未选择文件', hint: '上传 zip 代码包生成新版本；发布后所有用户使用该版本。', upload: '上传新版本', uploadSubmit: '上传',
    package: '代码包（zip）', chooseFile: '请选择 zip 文件', versionFormat: '版本号格式为 主版本.次版本.修订号，例如 1.2.0', uploaded: '版本 {version} 已上传',
    empty: '还没有版本，上传第一个代码包吧', release: '发布', rollback: '回滚', confirmRelease: '确定将「{name}」的 {version} 版本发布给所有用户吗？',
    confirmRollback: '确定将「{name}」回滚到 {version} 版本吗？', confirmDelete: '删除「{name}」的 {version} 版本？', released: '{version} 已发布',
    rolledBack: '已回滚到 {version}', deleted: '已删除 {version}', editChangelog: '编辑 {version} 的更新说明',
  },
  compare: {
    open: '版本对比', title: '版本对比', from: '旧版本', to: '新版本', files: '文件数', change: '变化', path: '文件', added: '新增', removed: '删除',
    changed: '修改', same: '两个版本的文件完全相同', pickTwo: '请选择两个不同的版本', unchanged: '另有 {n} 个文件未变化',
  },
  privacy: {
    tab: '隐私配置', hint: '用户授权前看到的隐私声明：隐私政策，以及小程序为何需要每一类数据。', policyUrl: '隐私政策链接', urlInvalid: '请输入 http(s) 链接', items: '收集的数据',
    dataType: '数据类型', purposePlaceholder: '使用目的', add: '添加数据类型', empty: '尚未声明任何用户数据', saved: '已保存 {name} 的隐私配置',
    types: {
      userInfo: '用户信息', phoneNumber: '手机号', location: '位置', address: '收货地址', camera: '摄像头', microphone: '麦克风', album: '相册',
      clipboard: '剪贴板', bluetooth: '蓝牙', contacts: '通讯录', calendar: '日历', deviceInfo: '设备信息', wallet: '钱包', idCard: '身份证',
    },
  },
  web3: {
    tab: 'Web3', hint: '适用于 Web3 小程序：代码仓库、第三方审计与所调用的合约。', repositoryUrl: '代码仓库', auditCertificate: '审计证书',
    noCertificate: '尚未上传证书', replaceCertificate: '替换', certUploaded: '已上传 {name}', certTooLarge: '文件超过 {max}',
    securityRating: '安全评级', securityRatingPlaceholder: '例如审计机构及其评级', contracts: '合约', chain: '链', address: '地址',
    contractName: '名称', addContract: '添加合约', noContracts: '尚未列出合约', chainInvalid: '只能包含小写字母、数字和 -',
    confirmRemove: '从列表中移除合约 {name}？', saved: '已保存 {name} 的 Web3 信息',
  },
  baseLibraries: {
    subtitle: '小程序代码包可声明依赖的基础库版本', create: '新增版本', editTitle: '编辑基础库 {version}', version: '版本号', notes: '版本说明', empty: '还没有基础库版本',
    versionInvalid: '格式为 主版本.次版本.修订号，例如 3.2.0', status: { active: '可用', deprecated: '已弃用' }, deprecate: '弃用', reactivate: '恢复可用',
    confirmDeprecate: '弃用基础库 {version}？新代码包将不应再依赖它。', confirmDelete: '删除基础库 {version}？此操作不可撤销。', created: '已新增基础库 {version}',
    updated: '已保存基础库 {version}', deleted: '已删除基础库 {version}', deprecated: '已弃用基础库 {version}', reactivated: '已恢复基础库 {version}',
  },
  platformApps: {
    subtitle: '所有机构的小程序；违规内容可以下架', takedown: '下架', restore: '恢复', byPlatform: '平台下架',
    confirmTakedown: '下架小程序「{name}」后所有宿主 App 将无法打开它，机构也不能自行恢复。请填写原因：', confirmRestore: '确定恢复小程序「{name}」吗？',
    takenDown: '已下架「{name}」', restored: '已恢复「{name}」',
  },
};
