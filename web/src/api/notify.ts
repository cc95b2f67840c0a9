// The notify module (docs/openapi.json tags "Notifications" and "E-mail"): my inbox, its live
// stream and my preferences; the operators' SMTP settings, test send and mail log; forgot password.
import { bindRoutes, client, type BodyOf, type ListQuery, type QueryOf, type RouteTable, type Schemas } from './client';

export const notifyRoutes = {
  notifications: ['GET', '/api/v1/me/notifications'],
  unreadCount: ['GET', '/api/v1/me/notifications/unread-count'],
  markRead: ['POST', '/api/v1/me/notifications/{notificationId}/read'],
  markAllRead: ['POST', '/api/v1/me/notifications/read-all'],
  deleteNotification: ['DELETE', '/api/v1/me/notifications/{notificationId}'],
  preferences: ['GET', '/api/v1/me/notification-preferences'],
  updatePreferences: ['PUT', '/api/v1/me/notification-preferences'],
  mailSettings: ['GET', '/api/v1/platform/mail-settings'],
  updateMailSettings: ['PUT', '/api/v1/platform/mail-settings'],
  testMail: ['POST', '/api/v1/platform/mail-settings/test'],
  mailLog: ['GET', '/api/v1/platform/mail-log'],
  requestReset: ['POST', '/api/v1/auth/password-reset'],
  resetLink: ['GET', '/api/v1/auth/password-reset/{token}'],
  completeReset: ['POST', '/api/v1/auth/password-reset/{token}'],
} as const satisfies RouteTable;

type Routes = typeof notifyRoutes;
type Body<N extends keyof Routes> = BodyOf<Routes[N]>;
type Query<N extends keyof Routes> = ListQuery & QueryOf<Routes[N]>;

export type Notification = Schemas['Notification'];
export type NotificationPreferences = Schemas['NotificationPreferences'];
export type MailSettings = Schemas['MailSettings'];
export type MailMessage = Schemas['MailMessage'];
export type MailSettingsBody = Body<'updateMailSettings'>;
export type NotificationCategory = Notification['category'];

export const CATEGORIES: NotificationCategory[] = ['organisation', 'member', 'review', 'version', 'gray', 'domain', 'certificate', 'case', 'integration', 'security'];
export const MAIL_STATES: MailMessage['state'][] = ['queued', 'sent', 'failed'];
export const STREAM_PATH = '/api/v1/me/notifications/stream';

const { call } = bindRoutes(notifyRoutes);

export const notifyApi = {
  list: (query: Query<'notifications'> = {}) => call('notifications', {}, { query }),
  unreadCount: () => call('unreadCount', {}),
  markRead: (notificationId: string) => call('markRead', { notificationId }),
  markAllRead: () => call('markAllRead', {}),
  remove: (notificationId: string) => call('deleteNotification', { notificationId }),
  preferences: () => call('preferences', {}),
  updatePreferences: (body: Body<'updatePreferences'>) => call('updatePreferences', {}, { body }),
  mailSettings: () => call('mailSettings', {}),
  updateMailSettings: (body: MailSettingsBody) => call('updateMailSettings', {}, { body }),
  testMail: (body: Body<'testMail'>) => call('testMail', {}, { body }),
  mailLog: (query: Query<'mailLog'> = {}) => call('mailLog', {}, { query }),
  requestReset: (email: string) => call('requestReset', {}, { body: { email } }),
  resetLink: (token: string) => call('resetLink', { token }),
  completeReset: (token: string, newPassword: string) => call('completeReset', { token }, { body: { newPassword } }),
  /** The live stream: frames until it ends (see ApiClient.events). */
  stream: (onEvent: (name: string, data: string) => void, signal: AbortSignal) => client.events(STREAM_PATH, onEvent, signal),
};
