// GET /api/v1/incidents – incidents, newest first (?open=1 for unresolved only)
// POST /api/v1/incidents – open an incident { systemId, rolloutId?, title, severity, message } (admin, release manager)
import { apiRoute, json } from "@/lib/api/route";
import { readJson } from "@/lib/api/read-json";
import { db } from "@/lib/db";
import { openIncidentSchema } from "@/lib/incidents/schemas";
import { openIncidentByPerson } from "@/lib/incidents/open-incident";
import { listIncidents } from "@/lib/incidents/queries";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async ({ request, ctx }) => ({
  incidents: await listIncidents(ctx, { open: new URL(request.url).searchParams.get("open") === "1" }),
}));

export const POST = apiRoute(async ({ request, ctx }) =>
  json({ incident: await openIncidentByPerson({ ctx, input: await readJson(request, openIncidentSchema), db }) }, 201),
);
