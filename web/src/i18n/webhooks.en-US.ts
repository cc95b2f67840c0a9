// Webhooks in English: organisations' and the platform's event endpoints and delivery logs.
import type zhCN from './webhooks.zh-CN';

const messages: typeof zhCN = {
  nav: { webhooks: 'Webhooks', platformWebhooks: 'Platform webhooks' },
  errors: {
    'webhooks.not_found': 'No such webhook endpoint',
    'webhooks.message_not_found': 'No such message',
    'webhooks.endpoint_disabled': 'The endpoint is disabled; enable it before sending to it again',
    'webhooks.too_many': 'The platform has the most webhook endpoints allowed ({limit})',
  },
  fieldErrors: {
    invalid_url: 'A full https:// URL without a #fragment',
    http_not_allowed: 'This platform allows https:// URLs only',
    private_address: 'The receiver must be on a public address (not a private network, this machine or localhost)',
    credentials_in_url: 'Put credentials in a custom header, not in the URL',
    unknown_event_type: 'Unknown event type',
    platform_event: 'Only the platform’s endpoints receive this event',
    unknown_app: 'No such mini-program in this organisation',
    invalid_header_name: 'Header names use letters, digits and - only',
    reserved_header: 'Cove sets this header itself',
    invalid_header_value: 'One line of at most 1,000 characters',
  },
};

export default messages;
