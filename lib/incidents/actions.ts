"use server";
import { revalidatePath } from "next/cache";
import { db } from "../db";
import { authActionClient } from "../safe-action";
import { openIncidentSchema, postIncidentUpdateSchema, resolveIncidentSchema } from "./schemas";
import { openIncidentByPerson } from "./open-incident";
import { postIncidentUpdate } from "./post-incident-update";
import { resolveIncident } from "./resolve-incident";

function refresh() {
  revalidatePath("/incidents");
  revalidatePath("/status", "layout");
}

export const openIncidentAction = authActionClient
  .metadata({ name: "openIncident" })
  .inputSchema(openIncidentSchema)
  .action(async ({ ctx, parsedInput }) => {
    const incident = await openIncidentByPerson({ ctx, input: parsedInput, db });
    refresh();
    return { id: incident.id };
  });

export const postIncidentUpdateAction = authActionClient
  .metadata({ name: "postIncidentUpdate" })
  .inputSchema(postIncidentUpdateSchema)
  .action(async ({ ctx, parsedInput }) => {
    await postIncidentUpdate({ ctx, input: parsedInput });
    refresh();
    return { ok: true };
  });

export const resolveIncidentAction = authActionClient
  .metadata({ name: "resolveIncident" })
  .inputSchema(resolveIncidentSchema)
  .action(async ({ ctx, parsedInput }) => {
    await resolveIncident({ ctx, input: parsedInput });
    refresh();
    return { ok: true };
  });
