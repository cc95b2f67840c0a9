import { defineStore } from 'pinia';
import { ElNotification } from 'element-plus';
import 'element-plus/es/components/notification/style/css';
import { ApiError } from '@/api/http';
import { notifyApi, type Notification } from '@/api/notify';
import { useAuthStore } from '@/stores/auth';

/** How many of the newest notifications the header's dropdown shows. */
const LATEST = 6;

/**
 * The signed-in user's inbox as the header sees it: the unread count and the newest items, kept
 * current by the live stream (GET /api/v1/me/notifications/stream) instead of polling. A dropped
 * stream reconnects after 1 s, 2 s, 4 s … (at most 30 s); a refusal (signed out) stops it.
 * `version` counts changes, so an open 消息中心 page knows to reload.
 */
export const useNotificationsStore = defineStore('notifications', {
  state: () => ({
    unread: 0,
    latest: [] as Notification[],
    connected: false,
    version: 0,
    controller: null as AbortController | null,
  }),
  actions: {
    start(): void {
      if (this.controller) return;
      const controller = new AbortController();
      this.controller = controller;
      void this.loadLatest();
      void (async () => {
        let delay = 1000;
        while (!controller.signal.aborted) {
          try {
            await notifyApi.stream((name, data) => {
              delay = 1000;
              this.connected = true;
              this.onFrame(name, data);
            }, controller.signal);
          } catch (e) {
            if (e instanceof ApiError && (e.status === 401 || e.status === 403)) break;
          }
          this.connected = false;
          if (controller.signal.aborted) break;
          await new Promise((resolve) => setTimeout(resolve, delay));
          delay = Math.min(delay * 2, 30_000);
          // Frames missed while away: the list is read again when the stream is back.
          void this.loadLatest();
        }
      })();
    },
    stop(): void {
      this.controller?.abort();
      this.controller = null;
      this.connected = false;
      this.unread = 0;
      this.latest = [];
    },
    onFrame(name: string, data: string): void {
      const body = JSON.parse(data) as { unreadCount?: number; item?: Notification };
      if (typeof body.unreadCount === 'number') this.unread = body.unreadCount;
      if (name === 'notification' && body.item) {
        const item = body.item;
        this.latest = [item, ...this.latest.filter((n) => n.id !== item.id)].slice(0, LATEST);
        // An organisation decided on or a membership changed: what this user may do changed too.
        if (/^(org|member)\./.test(item.kind)) void useAuthStore().loadMe().catch(() => {});
        ElNotification({ title: item.title, message: item.body, type: item.severity === 'error' ? 'error' : item.severity === 'warning' ? 'warning' : item.severity === 'success' ? 'success' : 'info', duration: 6000 });
      }
      this.version++;
    },
    async loadLatest(): Promise<void> {
      try {
        const page = await notifyApi.list({ limit: LATEST });
        this.latest = page.items;
        this.unread = (await notifyApi.unreadCount()).unreadCount;
      } catch {
        // The header stays as it was; the stream or the next reconnect brings it up to date.
      }
    },
    async markRead(n: Notification): Promise<void> {
      if (n.read) return;
      const updated = await notifyApi.markRead(n.id);
      this.latest = this.latest.map((x) => (x.id === n.id ? updated : x));
      this.unread = Math.max(0, this.unread - 1);
      this.version++;
    },
    async markAllRead(): Promise<number> {
      const { marked } = await notifyApi.markAllRead();
      this.latest = this.latest.map((x) => ({ ...x, read: true }));
      this.unread = 0;
      this.version++;
      return marked;
    },
  },
});
