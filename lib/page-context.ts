import "server-only";
import { redirect } from "next/navigation";
import { getSessionContext } from "./context";
import type { ServiceContext } from "./permissions";

/** For server-rendered pages: the signed-in person, or a redirect to sign in. */
export async function pageContext(): Promise<ServiceContext> {
  const ctx = await getSessionContext();
  if (!ctx) redirect("/login");
  return ctx;
}
