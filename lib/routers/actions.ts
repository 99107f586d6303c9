"use server";
import { revalidatePath } from "next/cache";
import { returnValidationErrors, type ValidationErrors } from "next-safe-action";
import { BadRequestError } from "../errors";
import { authActionClient } from "../safe-action";
import { createRouter } from "./create-router";
import { deleteRouter } from "./delete-router";
import { createRouterSchema, routerIdSchema, updateRouterSchema } from "./schemas";
import { syncRouter } from "./sync-router";
import { testRouterConnection } from "./test-router-connection";
import { updateRouter } from "./update-router";

export const createRouterAction = authActionClient
  .metadata({ name: "createRouter" })
  .inputSchema(createRouterSchema)
  .action(async ({ ctx, parsedInput }) => {
    const router = await fieldErrors(createRouterSchema, () => createRouter({ ctx, input: parsedInput }));
    revalidatePath("/routers");
    return { id: router.id, name: router.name };
  });

export const updateRouterAction = authActionClient
  .metadata({ name: "updateRouter" })
  .inputSchema(updateRouterSchema)
  .action(async ({ ctx, parsedInput }) => {
    const router = await fieldErrors(updateRouterSchema, () => updateRouter({ ctx, input: parsedInput }));
    revalidatePath("/routers");
    revalidatePath(`/routers/${router.id}`);
    return { id: router.id, name: router.name, secretSet: router.secretSet };
  });

export const deleteRouterAction = authActionClient
  .metadata({ name: "deleteRouter" })
  .inputSchema(routerIdSchema)
  .action(async ({ ctx, parsedInput }) => {
    await deleteRouter({ ctx, input: parsedInput });
    revalidatePath("/routers");
    return { ok: true };
  });

export const testRouterConnectionAction = authActionClient
  .metadata({ name: "testRouterConnection" })
  .inputSchema(routerIdSchema)
  .action(async ({ ctx, parsedInput }) => {
    const result = await testRouterConnection({ ctx, input: parsedInput });
    revalidatePath("/routers");
    revalidatePath(`/routers/${parsedInput.routerId}`);
    return { ...result, checkedAt: result.checkedAt.toISOString() };
  });

export const syncRouterAction = authActionClient
  .metadata({ name: "syncRouter" })
  .inputSchema(routerIdSchema)
  .action(async ({ ctx, parsedInput }) => {
    const result = await syncRouter({ ctx, input: parsedInput });
    revalidatePath("/routers");
    revalidatePath(`/routers/${parsedInput.routerId}`);
    return result;
  });

/** The verb's per-field 400 (endpoint, secret, settings.<field>) as the form's inline errors. */
async function fieldErrors<S extends typeof createRouterSchema | typeof updateRouterSchema, T>(
  schema: S,
  run: () => Promise<T>,
): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (!(e instanceof BadRequestError) || !e.invalidParams?.length) throw e;
    const errors: Record<string, { _errors: string[] }> = {};
    for (const p of e.invalidParams) {
      const [field, ...rest] = p.name.split(".");
      (errors[field!] ??= { _errors: [] })._errors.push(rest.length ? `${rest.join(".")}: ${p.reason}` : p.reason);
    }
    return returnValidationErrors(schema, errors as ValidationErrors<S>);
  }
}
