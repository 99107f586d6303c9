"use server";
import { revalidatePath } from "next/cache";
import { authActionClient } from "../safe-action";
import {
  assignChecklistTemplateSchema,
  runChecklistChecksSchema,
  saveChecklistTemplateSchema,
  signChecklistItemSchema,
} from "./schemas";
import { signChecklistItem } from "./sign-checklist-item";
import { runChecklistChecks } from "./run-checklist-checks";
import { saveChecklistTemplate } from "./save-checklist-template";
import { assignChecklistTemplate } from "./assign-checklist-template";

export const signChecklistItemAction = authActionClient
  .metadata({ name: "signChecklistItem" })
  .inputSchema(signChecklistItemSchema)
  .action(async ({ ctx, parsedInput }) => {
    const { item, ready } = await signChecklistItem({ ctx, input: parsedInput });
    revalidatePath(`/rollouts/${item.rolloutId}`);
    return { id: item.id, ready };
  });

export const runChecklistChecksAction = authActionClient
  .metadata({ name: "runChecklistChecks" })
  .inputSchema(runChecklistChecksSchema)
  .action(async ({ ctx, parsedInput }) => {
    const outcomes = await runChecklistChecks({ ctx, input: parsedInput });
    revalidatePath(`/rollouts/${parsedInput.rolloutId}`);
    return { outcomes };
  });

export const saveChecklistTemplateAction = authActionClient
  .metadata({ name: "saveChecklistTemplate" })
  .inputSchema(saveChecklistTemplateSchema)
  .action(async ({ ctx, parsedInput }) => {
    const template = await saveChecklistTemplate({ ctx, input: parsedInput });
    revalidatePath("/admin/checklists");
    return { id: template.id };
  });

export const assignChecklistTemplateAction = authActionClient
  .metadata({ name: "assignChecklistTemplate" })
  .inputSchema(assignChecklistTemplateSchema)
  .action(async ({ ctx, parsedInput }) => {
    await assignChecklistTemplate({ ctx, input: parsedInput });
    revalidatePath("/admin/checklists");
    return { ok: true };
  });
