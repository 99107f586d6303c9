"use client";
import { useAction } from "next-safe-action/hooks";
import {
  deleteNotificationEndpointAction,
  sendTestNotificationAction,
  setNotificationEndpointEnabledAction,
} from "@/lib/notifications/actions";
import { Button } from "../ui/button";

export function EndpointActions({ endpointId, name, enabled }: { endpointId: string; name: string; enabled: boolean }) {
  const toggle = useAction(setNotificationEndpointEnabledAction);
  const test = useAction(sendTestNotificationAction);
  const remove = useAction(deleteNotificationEndpointAction);
  const error = toggle.result.serverError ?? test.result.serverError ?? remove.result.serverError;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button
        variant="secondary"
        disabled={toggle.isPending}
        onClick={() => toggle.execute({ endpointId, enabled: !enabled })}
      >
        {enabled ? "Disable" : "Enable"}
      </Button>
      <Button variant="secondary" disabled={!enabled || test.isPending} onClick={() => test.execute({ endpointId })}>
        {test.result.data ? "Test queued" : "Send test"}
      </Button>
      <Button
        variant="ghost"
        disabled={remove.isPending}
        onClick={() =>
          window.confirm(`Delete endpoint “${name}” and its delivery history?`) && remove.execute({ endpointId })
        }
      >
        Delete
      </Button>
      {error && (
        <span role="alert" className="text-xs text-red-600">
          {error}
        </span>
      )}
    </div>
  );
}
