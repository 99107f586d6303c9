"use server";
import { revalidatePath } from "next/cache";
import { authActionClient } from "../safe-action";
import { createEndpointSchema, endpointIdSchema, setEndpointEnabledSchema } from "./schemas";
import {
  createNotificationEndpoint,
  deleteNotificationEndpoint,
  sendTestNotification,
  setNotificationEndpointEnabled,
} from "./manage-endpoints";

const PAGE = "/admin/notifications";

export const createNotificationEndpointAction = authActionClient
  .metadata({ name: "createNotificationEndpoint" })
  .inputSchema(createEndpointSchema)
  .action(async ({ ctx, parsedInput }) => {
    const row = await createNotificationEndpoint({ ctx, input: parsedInput });
    revalidatePath(PAGE);
    return { id: row.id };
  });

export const setNotificationEndpointEnabledAction = authActionClient
  .metadata({ name: "setNotificationEndpointEnabled" })
  .inputSchema(setEndpointEnabledSchema)
  .action(async ({ ctx, parsedInput }) => {
    await setNotificationEndpointEnabled({ ctx, input: parsedInput });
    revalidatePath(PAGE);
    return { ok: true };
  });

export const deleteNotificationEndpointAction = authActionClient
  .metadata({ name: "deleteNotificationEndpoint" })
  .inputSchema(endpointIdSchema)
  .action(async ({ ctx, parsedInput }) => {
    await deleteNotificationEndpoint({ ctx, input: parsedInput });
    revalidatePath(PAGE);
    return { ok: true };
  });

export const sendTestNotificationAction = authActionClient
  .metadata({ name: "sendTestNotification" })
  .inputSchema(endpointIdSchema)
  .action(async ({ ctx, parsedInput }) => {
    await sendTestNotification({ ctx, input: parsedInput });
    revalidatePath(PAGE);
    return { ok: true };
  });
