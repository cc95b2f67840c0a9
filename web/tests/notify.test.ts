import { describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { ApiClient, ApiError } from '../src/api/http';
import { useNotificationsStore } from '../src/stores/notifications';
import { fakeFetch, json } from './fake';

/** A streamed body delivering `chunks` one by one (frames may split anywhere). */
function streamed(chunks: string[]): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(encoder.encode(c));
      controller.close();
    },
  });
  return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
}

describe('ApiClient.events (the notification stream)', () => {
  it('sends the token and hands over each frame, however the bytes are split', async () => {
    const { fetch, calls } = fakeFetch([
      () => streamed(['event: ready\ndata: {"unread', 'Count":2}\n', '\n: heartbeat\n\nevent: unread\ndata: {"unreadCount":0}\n\n']),
    ]);
    const client = new ApiClient({ fetch });
    client.setToken('tok');
    const frames: [string, string][] = [];
    await client.events('/api/v1/me/notifications/stream', (name, data) => frames.push([name, data]), new AbortController().signal);
    expect(calls[0]?.headers.Authorization).toBe('Bearer tok');
    expect(frames).toEqual([
      ['ready', '{"unreadCount":2}'],
      ['unread', '{"unreadCount":0}'],
    ]);
  });

  it('rejects with the server error when the stream is refused', async () => {
    const { fetch } = fakeFetch([() => json(503, { code: 'notify.too_many_streams', message: 'busy', requestId: 'r' })]);
    const client = new ApiClient({ fetch });
    await expect(client.events('/s', () => {}, new AbortController().signal)).rejects.toBeInstanceOf(ApiError);
  });
});

describe('the notifications store', () => {
  it('takes the unread count and new items from frames, newest first, and counts changes', () => {
    setActivePinia(createPinia());
    vi.mock('element-plus', () => ({ ElNotification: vi.fn() }));
    const store = useNotificationsStore();
    store.onFrame('ready', '{"unreadCount":3}');
    expect(store.unread).toBe(3);
    const item = { id: 'ntf_1', title: 'Organisation approved: Org A', body: 'b', severity: 'success', read: false };
    store.onFrame('notification', JSON.stringify({ item, unreadCount: 4 }));
    store.onFrame('notification', JSON.stringify({ item: { ...item, id: 'ntf_2' }, unreadCount: 5 }));
    expect(store.unread).toBe(5);
    expect(store.latest.map((n) => n.id)).toEqual(['ntf_2', 'ntf_1']);
    store.onFrame('unread', '{"unreadCount":0}');
    expect(store.unread).toBe(0);
    expect(store.version).toBe(4);
  });
});
