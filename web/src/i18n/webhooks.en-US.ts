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
  webhooks: {
    subtitle: 'Your organisation’s events (releases, review results, gray progress …), signed per Standard Webhooks, POSTed to your URL',
    platformSubtitle: 'Every organisation’s events, sent to the platform’s endpoints (operations, audit systems)',
    create: 'Add endpoint', editTitle: 'Edit webhook endpoint', url: 'URL', description: 'Description', events: 'Events',
    allEvents: 'All events', wholeModule: 'Every {module} event', appIds: 'Only events about these mini-programs (AppIDs)',
    appIdsHint: 'Empty: every mini-program; events about no mini-program are always sent', headers: 'Custom headers', headerName: 'Name', headerValue: 'Value',
    addHeader: 'Add header', createdTitle: 'Endpoint added: save its signing secret', rotatedTitle: 'The new signing secret (the old one keeps signing for 24 hours)',
    saved: 'Saved', deleted: 'Endpoint deleted', confirmDelete: 'Delete {url} and its delivery log?', confirmRotate: 'Make a new signing secret for {url}? The old one keeps signing beside it for 24 hours.',
    confirmDisable: 'Disable {url}? Events while it is disabled are not sent to it.', rotate: 'Rotate secret', test: 'Send test', testQueued: 'Test event sent',
    enable: 'Enable', disable: 'Disable', enabled: 'Enabled', disabled: 'Disabled', enabledNow: 'Enabled', disabledNow: 'Disabled',
    reason: { gone: 'Disabled: the receiver answered 410 Gone', failing: 'Disabled: five days of failed deliveries' },
    health: 'Last 24 hours', attempts24h: '{n} deliveries', lastFailure: 'Last failure', empty: 'No webhook endpoints yet',
    log: 'Deliveries', logTitle: 'Deliveries · {url}', refresh: 'Refresh', since: 'Since', recover: 'Resend failed messages',
    recovered: '{n} messages queued again', resend: 'Resend', resendQueued: 'Queued again', messageId: 'Message ID', eventType: 'Event type',
    attempts: 'Attempts', lastResult: 'Last result', createdAt: 'Created', noMessages: 'No deliveries yet', more: 'Load more',
    payload: 'Payload', attemptList: 'Attempts', trigger: 'Trigger', result: 'Result', duration: 'Duration', response: 'Answer / error', noAnswer: 'No answer',
    messageStatus: { pending: 'Pending', delivered: 'Delivered', failed: 'Failed' },
    triggers: { scheduled: 'Automatic', resend: 'Resend', recover: 'Recover', test: 'Test' },
  },
};

export default messages;
