// 简体中文 (default) messages of search: the header's search box and the index status.
// Merged with the other modules' files by i18n/index.ts; search.en-US.ts has the same keys.
export default {
  errors: {
    'search.reindex_running': '索引正在重建，请稍后再试',
  },
  fieldErrors: {
    no_words: '请输入文字、数字或汉字进行搜索',
  },
  search: {
    placeholder: '搜索小程序（名称、拼音、首字母）',
    label: '搜索小程序',
    empty: '没有找到匹配的小程序',
    more: '还有 {n} 个结果',
    status: { draft: '草稿', online: '已上线', offline: '已下线' },
    groupOrg: '机构：{name}',
    index: '搜索索引',
    indexReady: '{n} 个小程序已建立索引',
    indexRebuilding: '正在重建：已完成 {n} 个',
    lastRebuild: '上次重建 {at}，用时 {ms} 毫秒',
    reindex: '重建索引',
    confirmReindex: '重建搜索索引？重建期间搜索仍可使用。',
    reindexStarted: '已开始重建搜索索引',
    hint: '↑↓ 选择，Enter 打开，Esc 关闭',
  },
};
