// Announcements and articles of the notify module (docs/openapi.json tags "Announcements" and
// "Articles"): the operators' announcements, the banner's active ones, the Markdown preview, and
// articles of an organisation or of the platform (the same shapes under /api/v1/platform/articles).
import { bindRoutes, type BodyOf, type ListQuery, type QueryOf, type RouteTable, type Schemas } from './client';

export const contentRoutes = {
  announcements: ['GET', '/api/v1/platform/announcements'],
  createAnnouncement: ['POST', '/api/v1/platform/announcements'],
  announcement: ['GET', '/api/v1/platform/announcements/{announcementId}'],
  updateAnnouncement: ['PATCH', '/api/v1/platform/announcements/{announcementId}'],
  deleteAnnouncement: ['DELETE', '/api/v1/platform/announcements/{announcementId}'],
  myAnnouncements: ['GET', '/api/v1/me/announcements'],
  readAnnouncement: ['POST', '/api/v1/me/announcements/{announcementId}/read'],
  dismissAnnouncement: ['POST', '/api/v1/me/announcements/{announcementId}/dismiss'],
  markdownPreview: ['POST', '/api/v1/markdown/preview'],
  orgArticles: ['GET', '/api/v1/orgs/{orgId}/articles'],
  createOrgArticle: ['POST', '/api/v1/orgs/{orgId}/articles'],
  article: ['GET', '/api/v1/articles/{articleId}'],
  updateArticle: ['PATCH', '/api/v1/articles/{articleId}'],
  deleteArticle: ['DELETE', '/api/v1/articles/{articleId}'],
  publishArticle: ['POST', '/api/v1/articles/{articleId}/publish'],
  archiveArticle: ['POST', '/api/v1/articles/{articleId}/archive'],
  uploadArticleCover: ['PUT', '/api/v1/articles/{articleId}/cover'],
  articleCover: ['GET', '/api/v1/articles/{articleId}/cover'],
  platformArticles: ['GET', '/api/v1/platform/articles'],
  createPlatformArticle: ['POST', '/api/v1/platform/articles'],
  platformArticle: ['GET', '/api/v1/platform/articles/{articleId}'],
  updatePlatformArticle: ['PATCH', '/api/v1/platform/articles/{articleId}'],
  deletePlatformArticle: ['DELETE', '/api/v1/platform/articles/{articleId}'],
  publishPlatformArticle: ['POST', '/api/v1/platform/articles/{articleId}/publish'],
  archivePlatformArticle: ['POST', '/api/v1/platform/articles/{articleId}/archive'],
  uploadPlatformArticleCover: ['PUT', '/api/v1/platform/articles/{articleId}/cover'],
  platformArticleCover: ['GET', '/api/v1/platform/articles/{articleId}/cover'],
} as const satisfies RouteTable;

type Routes = typeof contentRoutes;
export type Announcement = Schemas['Announcement'];
export type MyAnnouncement = Schemas['MyAnnouncement'];
export type AnnouncementBody = BodyOf<Routes['createAnnouncement']>;
export type Article = Schemas['Article'];
export type ArticleBody = BodyOf<Routes['createOrgArticle']>;
export type ArticleQuery = ListQuery & QueryOf<Routes['orgArticles']>;

export const SEVERITIES: Announcement['severity'][] = ['info', 'warning', 'critical'];
export const AUDIENCES: Announcement['audience'][] = ['all', 'operators', 'orgs'];
export const ANNOUNCEMENT_STATUSES: Announcement['status'][] = ['scheduled', 'active', 'ended'];
export const ARTICLE_STATES: Article['state'][] = ['draft', 'published', 'archived'];

const { call, blob, upload } = bindRoutes(contentRoutes);

export const announcementsApi = {
  list: (query: ListQuery & QueryOf<Routes['announcements']> = {}) => call('announcements', {}, { query }),
  create: (body: AnnouncementBody) => call('createAnnouncement', {}, { body }),
  update: (announcementId: string, body: BodyOf<Routes['updateAnnouncement']>) =>
    call('updateAnnouncement', { announcementId }, { body }),
  remove: (announcementId: string) => call('deleteAnnouncement', { announcementId }),
  mine: () => call('myAnnouncements', {}),
  read: (announcementId: string) => call('readAnnouncement', { announcementId }),
  dismiss: (announcementId: string) => call('dismissAnnouncement', { announcementId }),
  preview: (markdown: string) => call('markdownPreview', {}, { body: { markdown } }),
};

/** The article calls of one owner: an organisation (`orgId`) or the platform (null). */
export function articlesApi(orgId: string | null) {
  const p = orgId === null;
  return {
    list: (query: ArticleQuery = {}) => (p ? call('platformArticles', {}, { query }) : call('orgArticles', { orgId }, { query })),
    create: (body: ArticleBody) => (p ? call('createPlatformArticle', {}, { body }) : call('createOrgArticle', { orgId }, { body })),
    get: (articleId: string) => (p ? call('platformArticle', { articleId }) : call('article', { articleId })),
    update: (articleId: string, body: BodyOf<Routes['updateArticle']>) =>
      p ? call('updatePlatformArticle', { articleId }, { body }) : call('updateArticle', { articleId }, { body }),
    remove: (articleId: string) => (p ? call('deletePlatformArticle', { articleId }) : call('deleteArticle', { articleId })),
    publish: (articleId: string, publishAt?: string) => {
      const body = publishAt ? { publishAt } : {};
      return p ? call('publishPlatformArticle', { articleId }, { body }) : call('publishArticle', { articleId }, { body });
    },
    archive: (articleId: string) => (p ? call('archivePlatformArticle', { articleId }) : call('archiveArticle', { articleId })),
    /** Raw-body upload of the cover (PNG or JPEG ≤ 2 MiB). */
    uploadCover: (articleId: string, file: Blob) =>
      p ? upload('uploadPlatformArticleCover', { articleId }, file) : upload('uploadArticleCover', { articleId }, file),
    /** The cover as a Blob (shown through an object URL: the console's CSP allows blob: images). */
    cover: (articleId: string) => (p ? blob('platformArticleCover', { articleId }) : blob('articleCover', { articleId })),
  };
}
