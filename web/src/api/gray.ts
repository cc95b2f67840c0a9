// Gray releases (docs/openapi.json tags "Gray plans" and "UID lists"): the rule shape shared with
// the server, plans, UID lists, simulation and evaluation.
import { fillPath, type Method, type UploadOptions } from './http';
import { client } from './index';
import type { Page } from './types';

export const grayRoutes = {
  grayPlans: ['GET', '/api/v1/apps/{appId}/gray/plans'],
  createGrayPlan: ['POST', '/api/v1/apps/{appId}/gray/plans'],
  grayPlan: ['GET', '/api/v1/gray/plans/{planId}'],
  updateGrayPlan: ['PATCH', '/api/v1/gray/plans/{planId}'],
  deleteGrayPlan: ['DELETE', '/api/v1/gray/plans/{planId}'],
  startGrayPlan: ['POST', '/api/v1/gray/plans/{planId}/start'],
  pauseGrayPlan: ['POST', '/api/v1/gray/plans/{planId}/pause'],
  resumeGrayPlan: ['POST', '/api/v1/gray/plans/{planId}/resume'],
  completeGrayPlan: ['POST', '/api/v1/gray/plans/{planId}/complete'],
  rollbackGrayPlan: ['POST', '/api/v1/gray/plans/{planId}/rollback'],
  previewGrayPlan: ['POST', '/api/v1/gray/plans/{planId}/preview'],
  simulateGray: ['POST', '/api/v1/apps/{appId}/gray/simulate'],
  evaluateGray: ['POST', '/api/v1/gray/evaluate'],
  uidLists: ['GET', '/api/v1/orgs/{orgId}/uid-lists'],
  createUidList: ['POST', '/api/v1/orgs/{orgId}/uid-lists'],
  uidList: ['GET', '/api/v1/uid-lists/{listId}'],
  updateUidList: ['PATCH', '/api/v1/uid-lists/{listId}'],
  deleteUidList: ['DELETE', '/api/v1/uid-lists/{listId}'],
  uidListMembers: ['GET', '/api/v1/uid-lists/{listId}/members'],
  replaceUidListMembers: ['PUT', '/api/v1/uid-lists/{listId}/members'],
  appendUidListMembers: ['POST', '/api/v1/uid-lists/{listId}/members'],
  uidListMember: ['GET', '/api/v1/uid-lists/{listId}/members/{uid}'],
} as const satisfies Record<string, readonly [Method, string]>;

export type GrayRouteName = keyof typeof grayRoutes;

export const OPERATORS = [
  'IN', 'NOT_IN', 'STR_CONTAINS', 'STR_STARTS_WITH', 'STR_ENDS_WITH',
  'NUM_EQ', 'NUM_GT', 'NUM_GTE', 'NUM_LT', 'NUM_LTE', 'DATE_AFTER', 'DATE_BEFORE',
  'SEMVER_EQ', 'SEMVER_GT', 'SEMVER_GTE', 'SEMVER_LT', 'SEMVER_LTE',
  'VERSION_EQ', 'VERSION_GT', 'VERSION_GTE', 'VERSION_LT', 'VERSION_LTE',
  'REGEX', 'IN_CIDR', 'IS_TRUE', 'IS_FALSE',
] as const;
export type Operator = (typeof OPERATORS)[number];

export const ATTRIBUTES = [
  'uid', 'platform', 'osVersion', 'deviceModel', 'network', 'region', 'sdkVersion', 'hostApp', 'ip', 'now', 'deviceId',
] as const;

/** Operators that take many values (any may match); the others take exactly one, IS_* none. */
export function valueCount(op: string): 'many' | 'one' | 'none' {
  if (op === 'IS_TRUE' || op === 'IS_FALSE') return 'none';
  if (op === 'IN' || op === 'NOT_IN' || op.startsWith('STR_') || op === 'IN_CIDR') return 'many';
  return 'one';
}

export interface GrayCondition {
  attribute: string;
  operator: Operator;
  values: string[];
  inverted?: boolean;
  caseInsensitive?: boolean;
}

export interface GrayGroup {
  conditions?: GrayCondition[];
  uidLists?: string[];
  percentage?: number;
  stickiness?: string;
  groupId?: string;
}

export interface GrayRule {
  groups: GrayGroup[];
}

export interface GrayStep {
  percentage: number;
  at: string;
  applied?: boolean;
}

export type GrayPlanStatus = 'draft' | 'running' | 'paused' | 'completed' | 'rolled_back';

export interface GrayPlan {
  id: string;
  orgId: string;
  appId: string;
  versionId: string;
  version: string;
  name: string;
  rule: GrayRule;
  priority: number;
  steps: GrayStep[];
  currentPercentage: number | null;
  status: GrayPlanStatus;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  endedAt: string | null;
}

export interface GrayPlanInput {
  version?: string;
  name?: string;
  rule?: GrayRule;
  priority?: number;
  steps?: { percentage: number; at: string }[];
}

export interface ConditionVerdict {
  attribute: string;
  operator: string;
  values: string[];
  inverted: boolean;
  value: string | null;
  held: boolean;
  explanation: string;
}

export interface GroupVerdict {
  index: number;
  matched: boolean;
  conditions: ConditionVerdict[];
  uidLists: { held: boolean; list?: string; explanation: string } | null;
  percentage: { held: boolean; percentage: number; bucket: number | null; explanation: string } | null;
}

export interface Explanation {
  matched: boolean;
  group: number | null;
  groups: GroupVerdict[];
  rollout?: { held: boolean; percentage: number; explanation: string } | null;
}

export interface SimulatedPlan extends Partial<Explanation> {
  planId: string;
  name: string;
  version: string;
  priority: number;
  status: GrayPlanStatus;
  explanation?: string;
}

export interface Simulation {
  appId: string;
  version: string | null;
  source: 'gray' | 'released' | 'none';
  planId: string | null;
  group: number | null;
  now: string;
  plans: SimulatedPlan[];
}

export interface Preview {
  planId: string;
  sampleSize: number;
  selected: number;
  share: number;
  percentage: number | null;
}

export interface UidList {
  id: string;
  orgId: string;
  name: string;
  description: string;
  size: number;
  revision: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export type GrayContext = Record<string, string>;

type Params = Record<string, string>;

function call<R>(name: GrayRouteName, params: Params = {}, opts: { query?: Record<string, string | number | undefined>; body?: unknown } = {}) {
  const [method, template] = grayRoutes[name];
  return client.request<R>(method, fillPath(template, params), opts);
}

/** A list file keeps its own type when it has one; anything else is sent as plain text. */
function asText(file: Blob): Blob {
  return file.type === 'text/csv' || file.type === 'text/plain' ? file : new Blob([file], { type: 'text/plain' });
}

function upload<R>(name: GrayRouteName, params: Params, file: Blob, opts: UploadOptions = {}) {
  const [method, template] = grayRoutes[name];
  return client.upload<R>(method, fillPath(template, params), asText(file), opts);
}

export const grayApi = {
  plans: (appId: string, query: { limit?: number; cursor?: string; status?: string } = {}) =>
    call<Page<GrayPlan>>('grayPlans', { appId }, { query }),
  createPlan: (appId: string, body: GrayPlanInput) => call<GrayPlan>('createGrayPlan', { appId }, { body }),
  plan: (planId: string) => call<GrayPlan>('grayPlan', { planId }),
  updatePlan: (planId: string, body: GrayPlanInput) => call<GrayPlan>('updateGrayPlan', { planId }, { body }),
  deletePlan: (planId: string) => call<void>('deleteGrayPlan', { planId }),
  act: (planId: string, action: 'start' | 'pause' | 'resume' | 'complete' | 'rollback') =>
    call<GrayPlan>(`${action}GrayPlan` as GrayRouteName, { planId }),
  preview: (planId: string, body: { uidList?: string; sample?: number; context?: GrayContext }) =>
    call<Preview>('previewGrayPlan', { planId }, { body }),
  simulate: (appId: string, context: GrayContext, now?: string) =>
    call<Simulation>('simulateGray', { appId }, { body: now ? { context, now } : { context } }),
  evaluate: (rule: GrayRule, context: GrayContext, now?: string) =>
    call<Explanation>('evaluateGray', {}, { body: now ? { rule, context, now } : { rule, context } }),

  uidLists: (orgId: string, query: { limit?: number; cursor?: string; q?: string } = {}) =>
    call<Page<UidList>>('uidLists', { orgId }, { query }),
  createUidList: (orgId: string, name: string, description: string, file: Blob, opts: UploadOptions = {}) =>
    upload<UidList>('createUidList', { orgId }, file, { ...opts, query: { name, description } }),
  updateUidList: (listId: string, body: { name?: string; description?: string }) =>
    call<UidList>('updateUidList', { listId }, { body }),
  deleteUidList: (listId: string) => call<void>('deleteUidList', { listId }),
  uidListMembers: (listId: string, query: { limit?: number; cursor?: string } = {}) =>
    call<{ items: string[]; nextCursor: string | null }>('uidListMembers', { listId }, { query }),
  importUidList: (listId: string, file: Blob, append: boolean, opts: UploadOptions = {}) =>
    upload<UidList>(append ? 'appendUidListMembers' : 'replaceUidListMembers', { listId }, file, opts),
  uidListMember: (listId: string, uid: string) => call<{ listId: string; uid: string }>('uidListMember', { listId, uid }),
};
