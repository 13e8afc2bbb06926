// Management API v1: my notifications. Own routes (a signed-in person's), every query bounded
// by the session's user, so an id of someone else's notification changes nothing.

import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ApiError } from '../../contracts/messages.ts';
import { NotificationMark, NotificationMarked, NotificationPage, NotificationQuery, NotificationSummary } from '../../contracts/notifications.ts';
import { ValidationError } from '../../domain/errors.ts';
import type { NotificationStatus, NotificationTag, NotificationType } from '../../domain/notifications.ts';
import type { Notification } from '../../people/ports.ts';
import { decodeJsonBody } from '../body.ts';
import type { ApiDeps } from '../deps.ts';
import { iso } from './present.ts';

const present = (n: Notification) => ({
  id: n.id,
  type: n.type,
  tag: n.tag,
  content: n.content,
  createdAt: iso(n.createdAt),
  status: n.archivedAt !== null ? 'archived' : n.readAt !== null ? 'read' : 'unread',
});

const split = <T extends string>(text: string | undefined) => (text ? (text.split(',') as T[]) : undefined);

export function notificationRoutes(root: FastifyInstance, deps: ApiDeps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['Notifications'];
  const errors = { '4xx': ApiError };
  const own = { api: 'v1', needs: 'sender', own: true } as const;
  const store = deps.people.notifications;

  app.get('/api/v1/notifications/summary', {
    config: own,
    schema: { tags, summary: 'The bell: how many are unread, and the latest three', response: { 200: NotificationSummary, ...errors } },
    handler: async (req) => {
      const r = await store.unread(req.caller!.user!.id, 3);
      return { unread: r.count, latest: r.latest.map(present) };
    },
  });

  app.get('/api/v1/notifications', {
    config: own,
    schema: {
      tags,
      summary: 'My notifications, newest first: search on content, filter by status, type and tag, a page at a time',
      querystring: NotificationQuery,
      response: { 200: NotificationPage, ...errors },
    },
    handler: async (req) => {
      const q = req.query;
      const perPage = q.perPage ?? 15;
      const userId = req.caller!.user!.id;
      const filter = {
        ...(q.search?.trim() ? { search: q.search.trim() } : {}),
        ...(q.status ? { statuses: split<NotificationStatus>(q.status)! } : {}),
        ...(q.type ? { types: split<NotificationType>(q.type)! } : {}),
        ...(q.tag ? { tags: split<NotificationTag>(q.tag)! } : {}),
      };
      const [page, unread] = await Promise.all([store.list(userId, filter, ((q.page ?? 1) - 1) * perPage, perPage), store.unread(userId, 0)]);
      return { notifications: page.rows.map(present), total: page.total, unread: unread.count };
    },
  });

  app.post('/api/v1/notifications/mark', {
    config: own,
    preValidation: decodeJsonBody,
    schema: { tags, summary: 'Mark some (ids) or all of mine as read, unread or archived', body: NotificationMark, response: { 200: NotificationMarked, ...errors } },
    handler: async (req) => {
      const { ids, all, as } = req.body;
      if (!all && !ids?.length) throw new ValidationError('invalid_parameter', 'ids', 'name the notifications (ids), or all: true');
      return { changed: await store.mark(req.caller!.user!.id, all ? null : ids!, as, Date.now()) };
    },
  });
}
