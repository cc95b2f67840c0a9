// English messages of search: the header's search box and the index status.
// Typed by search.zh-CN.ts, so a key missing on either side fails the type check.
import type zh from './search.zh-CN';

const messages: typeof zh = {
  errors: {
    'search.reindex_running': 'The index is being rebuilt; try again shortly',
  },
  fieldErrors: {
    no_words: 'Type letters, digits or Hanzi to search for',
  },
  search: {
    placeholder: 'Search mini-programs (name, pinyin, initials)',
    label: 'Search mini-programs',
    empty: 'No mini-program matches',
    more: '{n} more results',
    status: { draft: 'Draft', online: 'Online', offline: 'Offline' },
    groupOrg: 'Organisation: {name}',
    index: 'Search index',
    indexReady: '{n} mini-programs indexed',
    indexRebuilding: 'Rebuilding: {n} done',
    lastRebuild: 'Last rebuilt {at} in {ms} ms',
    reindex: 'Rebuild index',
    confirmReindex: 'Rebuild the search index? Search keeps working meanwhile.',
    reindexStarted: 'The search index is being rebuilt',
    hint: '↑↓ to choose, Enter to open, Esc to close',
  },
};

export default messages;
