// Violation reports, cases and appeals (docs/openapi.json tag "Violation cases"): operators' list,
// case detail and decisions; the organisation's cases, their files and the appeal.
import { bindRoutes, type BodyOf, type ListQuery, type QueryOf, type RouteTable, type Schemas } from './client';

export const casesRoutes = {
  platformCases: ['GET', '/api/v1/platform/cases'],
  platformCase: ['GET', '/api/v1/platform/cases/{caseId}'],
  caseReports: ['GET', '/api/v1/platform/cases/{caseId}/reports'],
  dismissCase: ['POST', '/api/v1/platform/cases/{caseId}/dismiss'],
  warnCase: ['POST', '/api/v1/platform/cases/{caseId}/warn'],
  takedownCase: ['POST', '/api/v1/platform/cases/{caseId}/takedown'],
  upholdCase: ['POST', '/api/v1/platform/cases/{caseId}/uphold'],
  restoreCase: ['POST', '/api/v1/platform/cases/{caseId}/restore'],
  platformReport: ['POST', '/api/v1/platform/reports'],
  orgCases: ['GET', '/api/v1/orgs/{orgId}/cases'],
  orgCase: ['GET', '/api/v1/cases/{caseId}'],
  appealCase: ['POST', '/api/v1/cases/{caseId}/appeal'],
  orgReport: ['POST', '/api/v1/orgs/{orgId}/reports'],
  platformCaseFile: ['GET', '/api/v1/platform/cases/{caseId}/files/{sha256}'],
  orgCaseFile: ['GET', '/api/v1/cases/{caseId}/files/{sha256}'],
} as const satisfies RouteTable;

type Routes = typeof casesRoutes;
type Body<N extends keyof Routes> = BodyOf<Routes[N]>;
type Query<N extends keyof Routes> = ListQuery & QueryOf<Routes[N]>;

export type ViolationCase = Schemas['ViolationCase'];
export type ViolationCaseDetail = Schemas['ViolationCaseDetail'];
export type ViolationReport = Schemas['ViolationReport'];
export type CaseAppeal = Schemas['CaseAppeal'];
export type CaseStatus = ViolationCase['status'];
export type AppealBody = Body<'appealCase'>;

export const CASE_STATUSES: CaseStatus[] = ['open', 'dismissed', 'warned', 'taken_down', 'restored'];
export const REPORT_CATEGORIES = ['fraud', 'illegal', 'privacy', 'malicious', 'copyright', 'other'] as const;
export type CaseDecision = 'dismiss' | 'warn' | 'takedown' | 'uphold' | 'restore';

const { call, blob } = bindRoutes(casesRoutes);

export const casesApi = {
  list: (query: Query<'platformCases'> = {}) => call('platformCases', {}, { query }),
  get: (caseId: string) => call('platformCase', { caseId }),
  reports: (caseId: string, query: Query<'caseReports'> = {}) => call('caseReports', { caseId }, { query }),
  dismiss: (caseId: string, note: string) => call('dismissCase', { caseId }, { body: note ? { note } : {} }),
  warn: (caseId: string, message: string) => call('warnCase', { caseId }, { body: { message } }),
  takedown: (caseId: string, reason: string) => call('takedownCase', { caseId }, { body: { reason } }),
  uphold: (caseId: string, note: string) => call('upholdCase', { caseId }, { body: note ? { note } : {} }),
  restore: (caseId: string, note: string) => call('restoreCase', { caseId }, { body: note ? { note } : {} }),
  orgCases: (orgId: string, query: Query<'orgCases'> = {}) => call('orgCases', { orgId }, { query }),
  orgCase: (caseId: string) => call('orgCase', { caseId }),
  appeal: (caseId: string, body: AppealBody) => call('appealCase', { caseId }, { body }),
  /** A report filed in the console: by a member of `orgId`, or by an operator (null). */
  report: (orgId: string | null, body: Body<'platformReport'>) =>
    orgId === null ? call('platformReport', {}, { body }) : call('orgReport', { orgId }, { body }),
  // A screenshot or attachment, with the console's credentials (a plain link would carry none).
  file: (caseId: string, sha256: string, operator: boolean) =>
    operator ? blob('platformCaseFile', { caseId, sha256 }) : blob('orgCaseFile', { caseId, sha256 }),
};
