// Next.js proxy (runs before page requests): while the database is unreachable, pages answer 503
// with Retry-After (an HTML page that reloads itself for browsers, problem+json for anything else)
// instead of a 500 from a half-rendered page. API routes map the same errors themselves
// (lib/api/problem.ts); server actions say it in their error message (lib/errors.ts).
import { NextResponse, type NextRequest } from "next/server";
import { databaseReachable } from "@/lib/db/reachability";
import { FOREIGN_ORIGIN_MESSAGE, foreignOrigin } from "@/lib/api/same-origin";
import { DATABASE_RETRY_AFTER_SECONDS, DATABASE_UNAVAILABLE_MESSAGE } from "@/lib/db/unavailable";

export async function proxy(request: NextRequest) {
  if (request.headers.has("next-action")) {
    // A server action posted from another site is refused here with 403 (CSRF), as the REST API
    // does (lib/api/same-origin.ts), rather than failing inside Next.js with a 500.
    const foreign = foreignOrigin(request.headers, request.method);
    if (foreign)
      return NextResponse.json(
        {
          type: "https://switchyard.dev/problems/forbidden",
          title: "Forbidden",
          status: 403,
          detail: FOREIGN_ORIGIN_MESSAGE(foreign),
          code: "forbidden",
        },
        { status: 403, headers: { "content-type": "application/problem+json", "cache-control": "no-store" } },
      );
    // Otherwise server actions answer for themselves (the form shows the message).
    return NextResponse.next();
  }
  if (await databaseReachable()) return NextResponse.next();
  const headers = { "retry-after": String(DATABASE_RETRY_AFTER_SECONDS), "cache-control": "no-store" };
  if ((request.headers.get("accept") ?? "").includes("text/html"))
    return new NextResponse(unavailablePage(), {
      status: 503,
      headers: { ...headers, "content-type": "text/html; charset=utf-8" },
    });
  return NextResponse.json(
    {
      type: "https://switchyard.dev/problems/database_unavailable",
      title: "Service unavailable",
      status: 503,
      detail: DATABASE_UNAVAILABLE_MESSAGE,
      code: "database_unavailable",
    },
    { status: 503, headers: { ...headers, "content-type": "application/problem+json" } },
  );
}

function unavailablePage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${DATABASE_RETRY_AFTER_SECONDS}"><title>Switchyard – database unavailable</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:20vh auto;padding:0 1.5rem;color:#1f2937}h1{font-size:1.25rem}p{color:#4b5563}</style></head>
<body><h1>Switchyard can't reach its database</h1><p>Routers keep serving the traffic split they last received. This page tries again every ${DATABASE_RETRY_AFTER_SECONDS} seconds.</p></body></html>`;
}

export const config = {
  // Pages only: not API routes (they answer problem+json themselves), Next's assets or static files.
  matcher: [
    "/((?!api/|_next/static|_next/image|favicon\\.ico|.*\\.(?:png|svg|jpg|jpeg|ico|css|js|txt|webmanifest)$).*)",
  ],
};
