// The operators' platform-wide view: counters of what waits for them, declared by the modules
// (accounts: pendingOrgs; later review, reports, certificates).
import { client } from './client';

export interface OverviewItem {
  key: string;
  count: number;
}

export const platformApi = {
  overview: () => client.request<{ items: OverviewItem[] }>('GET', '/api/v1/platform/overview'),
};
