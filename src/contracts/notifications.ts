// Management API v1: my notifications (seed: Notifications): the bell's unread count and latest
// three, the Notifications page's search, filters and pages, and marking read, unread, archived.

import { Type, type Static } from 'typebox';
import { NOTIFICATION_STATUSES, NOTIFICATION_TAGS, NOTIFICATION_TYPES } from '../domain/notifications.ts';
import { Nullable } from './nullable.ts';

const list = <T extends readonly string[]>(values: T, what: string) =>
  Type.Optional(Type.String({ maxLength: 100, pattern: `^(${values.join('|')})(,(${values.join('|')}))*$`, description: `${what}, comma-separated: ${values.join(', ')}` }));

export const NotificationView = Type.Object({
  id: Type.Integer(),
  type: Type.String({ description: NOTIFICATION_TYPES.join(', ') }),
  tag: Type.String({ description: NOTIFICATION_TAGS.join(', ') }),
  content: Type.String(),
  createdAt: Type.String(),
  status: Type.String({ description: NOTIFICATION_STATUSES.join(', ') }),
});
export type NotificationView = Static<typeof NotificationView>;

export const NotificationQuery = Type.Object({
  search: Type.Optional(Type.String({ maxLength: 200, description: 'Part of the content, any case.' })),
  status: list(NOTIFICATION_STATUSES, 'Statuses (default unread,read)'),
  type: list(NOTIFICATION_TYPES, 'Types'),
  tag: list(NOTIFICATION_TAGS, 'Tags'),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1 })),
  perPage: Type.Optional(Type.Union([Type.Literal(15), Type.Literal(25), Type.Literal(50), Type.Literal(100)], { default: 15 })),
});
export type NotificationQuery = Static<typeof NotificationQuery>;

export const NotificationPage = Type.Object({ notifications: Type.Array(NotificationView), total: Type.Integer(), unread: Type.Integer() });
export const NotificationSummary = Type.Object({ unread: Type.Integer(), latest: Type.Array(NotificationView) });
export type NotificationSummary = Static<typeof NotificationSummary>;

export const NotificationMark = Type.Object(
  {
    ids: Type.Optional(
      Nullable(Type.Array(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }), { maxItems: 100 }), { description: 'Which; null or absent with all: true: every one of mine.' }),
    ),
    all: Type.Optional(Type.Boolean()),
    as: Type.Enum(NOTIFICATION_STATUSES),
  },
  { additionalProperties: false },
);
export const NotificationMarked = Type.Object({ changed: Type.Integer() });
