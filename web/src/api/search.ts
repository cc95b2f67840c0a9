// The search module (docs/openapi.json tag "Search"): the consoles' search of mini-programs with
// facets, and the operators' index status and rebuild.
import { bindRoutes, type QueryOf, type RouteTable, type Schemas } from './client';

export const searchRoutes = {
  orgSearch: ['GET', '/api/v1/orgs/{orgId}/search'],
  platformSearch: ['GET', '/api/v1/platform/search'],
  searchStatus: ['GET', '/api/v1/platform/search/status'],
  reindexSearch: ['POST', '/api/v1/platform/search/reindex'],
} as const satisfies RouteTable;

type Routes = typeof searchRoutes;
export type SearchHit = Schemas['SearchHit'];
export type SearchIndexStatus = Schemas['SearchIndexStatus'];
export type SearchQuery = QueryOf<Routes['platformSearch']>;

const { call } = bindRoutes(searchRoutes);

export const searchApi = {
  org: (orgId: string, query: QueryOf<Routes['orgSearch']>) => call('orgSearch', { orgId }, { query }),
  platform: (query: SearchQuery) => call('platformSearch', {}, { query }),
  status: () => call('searchStatus', {}),
  reindex: () => call('reindexSearch', {}),
};
