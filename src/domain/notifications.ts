// Notifications (seed: Notifications): their types and tags, and the budget rule: a traffic
// account's people hear when its credit used crosses 80 % and 100 % of its limit.

export const NOTIFICATION_TYPES = ['success', 'error', 'warning', 'info'] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export const NOTIFICATION_TAGS = ['campaign', 'distribution_list', 'email_confirm', 'budget'] as const;
export type NotificationTag = (typeof NOTIFICATION_TAGS)[number];

export const NOTIFICATION_STATUSES = ['unread', 'read', 'archived'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

export const CREDIT_LEVELS = [80, 100] as const;
export type CreditLevel = 0 | (typeof CREDIT_LEVELS)[number];

/** The highest threshold the credit used has reached (0: below 80 %); exact in integer micro-units. */
export function creditLevel(usedMicros: number, limitMicros: number | null): CreditLevel {
  if (limitMicros === null) return 0;
  if (usedMicros >= limitMicros) return 100;
  return usedMicros * 100 >= limitMicros * 80 ? 80 : 0;
}
