// The webhooks module (docs/openapi.json tag "Webhooks"): an organisation's endpoints or the
// platform's (the same shapes under /api/v1/platform/webhooks), their delivery logs and the event
// catalogue.
import { bindRoutes, type BodyOf, type QueryOf, type RouteTable, type Schemas } from './client';

export const webhooksRoutes = {
  orgWebhooks: ['GET', '/api/v1/orgs/{orgId}/webhooks'],
  createOrgWebhook: ['POST', '/api/v1/orgs/{orgId}/webhooks'],
  webhook: ['GET', '/api/v1/webhooks/{webhookId}'],
  updateWebhook: ['PATCH', '/api/v1/webhooks/{webhookId}'],
  deleteWebhook: ['DELETE', '/api/v1/webhooks/{webhookId}'],
  rotateWebhookSecret: ['POST', '/api/v1/webhooks/{webhookId}/rotate-secret'],
  testWebhook: ['POST', '/api/v1/webhooks/{webhookId}/test'],
  webhookMessages: ['GET', '/api/v1/webhooks/{webhookId}/messages'],
  webhookMessage: ['GET', '/api/v1/webhooks/{webhookId}/messages/{messageId}'],
  resendWebhookMessage: ['POST', '/api/v1/webhooks/{webhookId}/messages/{messageId}/resend'],
  recoverWebhook: ['POST', '/api/v1/webhooks/{webhookId}/recover'],
  platformWebhooks: ['GET', '/api/v1/platform/webhooks'],
  createPlatformWebhook: ['POST', '/api/v1/platform/webhooks'],
  platformWebhook: ['GET', '/api/v1/platform/webhooks/{webhookId}'],
  updatePlatformWebhook: ['PATCH', '/api/v1/platform/webhooks/{webhookId}'],
  deletePlatformWebhook: ['DELETE', '/api/v1/platform/webhooks/{webhookId}'],
  rotatePlatformWebhookSecret: ['POST', '/api/v1/platform/webhooks/{webhookId}/rotate-secret'],
  testPlatformWebhook: ['POST', '/api/v1/platform/webhooks/{webhookId}/test'],
  platformWebhookMessages: ['GET', '/api/v1/platform/webhooks/{webhookId}/messages'],
  platformWebhookMessage: ['GET', '/api/v1/platform/webhooks/{webhookId}/messages/{messageId}'],
  resendPlatformWebhookMessage: ['POST', '/api/v1/platform/webhooks/{webhookId}/messages/{messageId}/resend'],
  recoverPlatformWebhook: ['POST', '/api/v1/platform/webhooks/{webhookId}/recover'],
  webhookEventTypes: ['GET', '/api/v1/webhook-event-types'],
} as const satisfies RouteTable;

type Routes = typeof webhooksRoutes;
export type WebhookEndpoint = Schemas['WebhookEndpoint'];
export type WebhookMessage = Schemas['WebhookMessage'];
export type WebhookEventType = Schemas['WebhookEventType'];
export type WebhookFields = BodyOf<Routes['updateWebhook']>;
export type MessageQuery = QueryOf<Routes['webhookMessages']>;

const { call } = bindRoutes(webhooksRoutes);

/** The calls of one scope: an organisation's endpoints (`orgId`) or the platform's (null). */
export function webhooksApi(orgId: string | null) {
  const p = orgId === null;
  return {
    list: (query: QueryOf<Routes['orgWebhooks']> = {}) =>
      p ? call('platformWebhooks', {}, { query }) : call('orgWebhooks', { orgId }, { query }),
    create: (body: BodyOf<Routes['createOrgWebhook']>) =>
      p ? call('createPlatformWebhook', {}, { body }) : call('createOrgWebhook', { orgId }, { body }),
    get: (webhookId: string) => (p ? call('platformWebhook', { webhookId }) : call('webhook', { webhookId })),
    update: (webhookId: string, body: WebhookFields) =>
      p ? call('updatePlatformWebhook', { webhookId }, { body }) : call('updateWebhook', { webhookId }, { body }),
    remove: (webhookId: string) => (p ? call('deletePlatformWebhook', { webhookId }) : call('deleteWebhook', { webhookId })),
    rotate: (webhookId: string) =>
      p ? call('rotatePlatformWebhookSecret', { webhookId }) : call('rotateWebhookSecret', { webhookId }),
    test: (webhookId: string) => (p ? call('testPlatformWebhook', { webhookId }) : call('testWebhook', { webhookId })),
    messages: (webhookId: string, query: MessageQuery = {}) =>
      p ? call('platformWebhookMessages', { webhookId }, { query }) : call('webhookMessages', { webhookId }, { query }),
    message: (webhookId: string, messageId: string) =>
      p ? call('platformWebhookMessage', { webhookId, messageId }) : call('webhookMessage', { webhookId, messageId }),
    resend: (webhookId: string, messageId: string) =>
      p
        ? call('resendPlatformWebhookMessage', { webhookId, messageId })
        : call('resendWebhookMessage', { webhookId, messageId }),
    recover: (webhookId: string, since: string) =>
      p
        ? call('recoverPlatformWebhook', { webhookId }, { body: { since } })
        : call('recoverWebhook', { webhookId }, { body: { since } }),
    eventTypes: () => call('webhookEventTypes', {}),
  };
}
export type WebhooksApi = ReturnType<typeof webhooksApi>;
