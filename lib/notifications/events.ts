// The events an endpoint can subscribe to. Pure, client-safe.
export const NOTIFICATION_EVENTS = [
  "approval.requested",
  "rollback.requested",
  "rollback.executed",
  "incident.opened",
  "incident.updated",
  "rollout.completed",
  "rollout.rolled_back",
] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

export const NOTIFICATION_EVENT_LABELS: Record<NotificationEvent, string> = {
  "approval.requested": "A rollout plan awaits approval",
  "rollback.requested": "A rollback is requested (awaits a second person)",
  "rollback.executed": "A rollback was executed",
  "incident.opened": "An incident was opened",
  "incident.updated": "An incident was updated or resolved",
  "rollout.completed": "A rollout completed",
  "rollout.rolled_back": "A rollout was rolled back",
};
