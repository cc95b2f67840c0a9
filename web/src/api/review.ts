// The review module (docs/openapi.json tags "Reviews" and "Review queue"): submit a version for
// review, withdraw it, a mini-program's reviews; the reviewers' queue, claims and decisions; the
// review policy.
import { bindRoutes, type BodyOf, type ListQuery, type QueryOf, type RouteTable, type Schemas } from './client';

export const reviewRoutes = {
  submitVersion: ['POST', '/api/v1/apps/{appId}/versions/{version}/submit'],
  withdrawVersion: ['POST', '/api/v1/apps/{appId}/versions/{version}/withdraw'],
  appReviews: ['GET', '/api/v1/apps/{appId}/reviews'],
  orgReviewPolicy: ['GET', '/api/v1/orgs/{orgId}/review-policy'],
  reviewQueue: ['GET', '/api/v1/platform/reviews'],
  review: ['GET', '/api/v1/platform/reviews/{reviewId}'],
  claimReview: ['POST', '/api/v1/platform/reviews/{reviewId}/claim'],
  approveReview: ['POST', '/api/v1/platform/reviews/{reviewId}/approve'],
  rejectReview: ['POST', '/api/v1/platform/reviews/{reviewId}/reject'],
  reviewSettings: ['GET', '/api/v1/platform/review-settings'],
  updateReviewSettings: ['PUT', '/api/v1/platform/review-settings'],
  platformOrgReviewPolicy: ['GET', '/api/v1/platform/orgs/{orgId}/review-policy'],
  setOrgReviewPolicy: ['PUT', '/api/v1/platform/orgs/{orgId}/review-policy'],
  reviewFile: ['GET', '/api/v1/platform/reviews/{reviewId}/files/{sha256}'],
  appReviewFile: ['GET', '/api/v1/apps/{appId}/reviews/{reviewId}/files/{sha256}'],
} as const satisfies RouteTable;

type Routes = typeof reviewRoutes;
type Body<N extends keyof Routes> = BodyOf<Routes[N]>;
type Query<N extends keyof Routes> = ListQuery & QueryOf<Routes[N]>;

export type Review = Schemas['Review'];
export type ReviewWithChecks = Schemas['ReviewWithChecks'];
export type ReviewDetail = Schemas['ReviewDetail'];
export type ReviewCheck = Schemas['ReviewCheck'];
export type ReviewStatus = Review['status'];
export type ReviewPolicy = Schemas['ReviewPolicy'];
export type ReviewSettings = Schemas['ReviewSettings'];
export type Submission = Body<'submitVersion'>;

export const REVIEW_STATUSES: ReviewStatus[] = ['submitted', 'in_review', 'approved', 'rejected', 'withdrawn'];
export const REASON_CATEGORIES = ['content', 'privacy', 'functionality', 'security', 'qualification', 'other'] as const;
export type ReasonCategory = (typeof REASON_CATEGORIES)[number];

const { call, blob } = bindRoutes(reviewRoutes);

export const reviewApi = {
  submit: (appId: string, version: string, body: Submission) => call('submitVersion', { appId, version }, { body }),
  withdraw: (appId: string, version: string) => call('withdrawVersion', { appId, version }),
  appReviews: (appId: string, query: Query<'appReviews'> = {}) => call('appReviews', { appId }, { query }),
  orgPolicy: (orgId: string) => call('orgReviewPolicy', { orgId }),
  queue: (query: Query<'reviewQueue'> = {}) => call('reviewQueue', {}, { query }),
  review: (reviewId: string) => call('review', { reviewId }),
  claim: (reviewId: string) => call('claimReview', { reviewId }),
  approve: (reviewId: string) => call('approveReview', { reviewId }),
  reject: (reviewId: string, body: Body<'rejectReview'>) => call('rejectReview', { reviewId }, { body }),
  settings: () => call('reviewSettings', {}),
  updateSettings: (body: Body<'updateReviewSettings'>) => call('updateReviewSettings', {}, { body }),
  platformOrgPolicy: (orgId: string) => call('platformOrgReviewPolicy', { orgId }),
  setOrgPolicy: (orgId: string, required: boolean | null) => call('setOrgReviewPolicy', { orgId }, { body: { required } }),
  // A rejection's screenshot, with the console's credentials.
  file: (reviewId: string, sha256: string) => blob('reviewFile', { reviewId, sha256 }),
  appFile: (appId: string, reviewId: string, sha256: string) => blob('appReviewFile', { appId, reviewId, sha256 }),
};
