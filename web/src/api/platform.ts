// The operators' platform-wide view: counters of what waits for them, declared by the modules
// (accounts: pendingOrgs; later review, reports, certificates …) — GET /api/v1/platform/overview.
import { bindRoutes, type AnswerOf, type RouteTable } from './client';

export const platformRoutes = {
  overview: ['GET', '/api/v1/platform/overview'],
} as const satisfies RouteTable;

export type Overview = AnswerOf<(typeof platformRoutes)['overview']>;
export type OverviewItem = Overview['items'][number];

const { call } = bindRoutes(platformRoutes);

export const platformApi = {
  overview: () => call('overview', {}),
};
