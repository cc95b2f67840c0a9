// The gray module (docs/openapi.json tags "Gray plans" and "UID lists"): the rule shape shared with
// the server, plans, UID lists, simulation and evaluation.
import type { UploadOptions } from './http';
import { bindRoutes, type AnswerOf, type BodyOf, type ListQuery, type QueryOf, type RouteTable, type Schemas } from './client';

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
} as const satisfies RouteTable;

type Routes = typeof grayRoutes;
type Body<N extends keyof Routes> = BodyOf<Routes[N]>;
/** A list call's paging and the filters the spec gives it. */
type Query<N extends keyof Routes> = ListQuery & QueryOf<Routes[N]>;

/** The rule operators, in the order the rule builder offers them (tests/gray.test.ts: exactly the spec's). */
export const OPERATORS = [
  'IN', 'NOT_IN', 'STR_CONTAINS', 'STR_STARTS_WITH', 'STR_ENDS_WITH',
  'NUM_EQ', 'NUM_GT', 'NUM_GTE', 'NUM_LT', 'NUM_LTE', 'DATE_AFTER', 'DATE_BEFORE',
  'SEMVER_EQ', 'SEMVER_GT', 'SEMVER_GTE', 'SEMVER_LT', 'SEMVER_LTE',
  'VERSION_EQ', 'VERSION_GT', 'VERSION_GTE', 'VERSION_LT', 'VERSION_LTE',
  'REGEX', 'IN_CIDR', 'IS_TRUE', 'IS_FALSE',
] as const satisfies readonly Operator[];

export const ATTRIBUTES = [
  'uid', 'platform', 'osVersion', 'deviceModel', 'network', 'region', 'sdkVersion', 'hostApp', 'ip', 'now', 'deviceId',
] as const;

/** Operators that take many values (any may match); the others take exactly one, IS_* none. */
export function valueCount(op: string): 'many' | 'one' | 'none' {
  if (op === 'IS_TRUE' || op === 'IS_FALSE') return 'none';
  if (op === 'IN' || op === 'NOT_IN' || op.startsWith('STR_') || op === 'IN_CIDR') return 'many';
  return 'one';
}

export type GrayCondition = Schemas['GrayCondition'];
export type Operator = GrayCondition['operator'];
export type GrayGroup = Schemas['GrayGroup'];
export type GrayRule = Schemas['GrayRule'];
export type GrayPlan = Schemas['GrayPlan'];
export type GrayPlanStatus = GrayPlan['status'];
/** A step as the editor holds it: `applied` is known only for a saved plan. */
export type GrayStep = Omit<GrayPlan['steps'][number], 'applied'> & { applied?: boolean };
export type Explanation = Schemas['GrayExplanation'];
export type GroupVerdict = Explanation['groups'][number];
export type ConditionVerdict = NonNullable<GroupVerdict['conditions']>[number];
export type Simulation = AnswerOf<Routes['simulateGray']>;
export type SimulatedPlan = NonNullable<Simulation['plans']>[number];
export type Preview = AnswerOf<Routes['previewGrayPlan']>;
export type UidList = Schemas['UidList'];
/** A user's attributes as the runtime would see them (uid, platform, ctx.* …). */
export type GrayContext = Record<string, string>;

const { call, upload } = bindRoutes(grayRoutes);

/** A list file keeps its own type when it has one; anything else is sent as plain text. */
function asText(file: Blob): Blob {
  return file.type === 'text/csv' || file.type === 'text/plain' ? file : new Blob([file], { type: 'text/plain' });
}

type PlanAction = 'start' | 'pause' | 'resume' | 'complete' | 'rollback';
type Progress = Omit<UploadOptions, 'query'>;

export const grayApi = {
  plans: (appId: string, query: Query<'grayPlans'> = {}) => call('grayPlans', { appId }, { query }),
  createPlan: (appId: string, body: Body<'createGrayPlan'>) => call('createGrayPlan', { appId }, { body }),
  plan: (planId: string) => call('grayPlan', { planId }),
  updatePlan: (planId: string, body: Body<'updateGrayPlan'>) => call('updateGrayPlan', { planId }, { body }),
  deletePlan: (planId: string) => call('deleteGrayPlan', { planId }),
  act: (planId: string, action: PlanAction) => call(`${action}GrayPlan`, { planId }),
  preview: (planId: string, body: Body<'previewGrayPlan'>) => call('previewGrayPlan', { planId }, { body }),
  simulate: (appId: string, context: GrayContext, now?: string) =>
    call('simulateGray', { appId }, { body: now ? { context, now } : { context } }),
  evaluate: (rule: GrayRule, context: GrayContext, now?: string) =>
    call('evaluateGray', {}, { body: now ? { rule, context, now } : { rule, context } }),

  uidLists: (orgId: string, query: Query<'uidLists'> = {}) => call('uidLists', { orgId }, { query }),
  createUidList: (orgId: string, name: string, description: string, file: Blob, opts: Progress = {}) =>
    upload('createUidList', { orgId }, asText(file), { ...opts, query: { name, description } }),
  updateUidList: (listId: string, body: Body<'updateUidList'>) => call('updateUidList', { listId }, { body }),
  deleteUidList: (listId: string) => call('deleteUidList', { listId }),
  uidListMembers: (listId: string, query: Query<'uidListMembers'> = {}) => call('uidListMembers', { listId }, { query }),
  importUidList: (listId: string, file: Blob, append: boolean, opts: Progress = {}) =>
    upload(append ? 'appendUidListMembers' : 'replaceUidListMembers', { listId }, asText(file), opts),
  uidListMember: (listId: string, uid: string) => call('uidListMember', { listId, uid }),
};
