import { describe, expect, it } from "vitest";
import { z } from "zod";
import { BadRequestError, ServiceError } from "../errors";
import { readInput, readJson } from "./read-json";
import { rolloutCommandSchema } from "../rollouts/schemas";

const URL_ = "http://localhost/api/v1/rollouts/r1/actions/promote";

/** A body sent in chunks with no content-length, as `curl -H 'transfer-encoding: chunked'` or fetch(stream) do. */
function chunked(parts: string[], headers: Record<string, string> = { "content-type": "application/json" }) {
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const p of parts) controller.enqueue(new TextEncoder().encode(p));
      controller.close();
    },
  });
  return new Request(URL_, { method: "POST", body: stream, headers, duplex: "half" } as RequestInit);
}

describe("readInput", () => {
  it("reads a chunked body without content-length, so its expectedRevision is honoured", async () => {
    const request = chunked(['{"expectedRe', 'vision": 7, "reason": "looks good"}']);
    expect(request.headers.get("content-length")).toBeNull();
    const input = await readInput(request, rolloutCommandSchema, { rolloutId: "r1" });
    expect(input).toEqual({ rolloutId: "r1", expectedRevision: 7, reason: "looks good" });
  });

  it("treats a missing or blank body as no body (no content type needed)", async () => {
    const empty = new Request(URL_, { method: "POST" });
    expect(await readInput(empty, rolloutCommandSchema, { rolloutId: "r1" })).toEqual({ rolloutId: "r1" });
    const blank = chunked(["  \n"], {});
    expect(await readInput(blank, rolloutCommandSchema, { rolloutId: "r1" })).toEqual({ rolloutId: "r1" });
  });

  it("lets the path win over a body field of the same name", async () => {
    const request = new Request(URL_, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ rolloutId: "other", expectedRevision: 2 }),
    });
    expect(await readInput(request, rolloutCommandSchema, { rolloutId: "r1" })).toMatchObject({ rolloutId: "r1" });
  });

  it("refuses a body that isn't JSON, or isn't an object", async () => {
    await expect(readInput(chunked(["{oops"]), rolloutCommandSchema)).rejects.toThrow("Body is not valid JSON.");
    await expect(readInput(chunked(["[1,2]"]), rolloutCommandSchema)).rejects.toBeInstanceOf(z.ZodError);
    await expect(
      readInput(chunked(['{"a":1}'], { "content-type": "text/plain" }), rolloutCommandSchema),
    ).rejects.toThrow("content-type: application/json");
  });
});

describe("readJson", () => {
  const schema = z.object({ name: z.string() });

  it("parses and validates a JSON body", async () => {
    expect(await readJson(chunked(['{"name":', '"edge-1"}']), schema)).toEqual({ name: "edge-1" });
  });

  it("refuses a body that streams past the limit, without a content-length to warn", async () => {
    const big = chunked(['{"name":"', "x".repeat(600), '"}']);
    await expect(readJson(big, schema, 512)).rejects.toBeInstanceOf(BadRequestError);
  });

  it("refuses a declared oversize body before reading it", async () => {
    const request = new Request(URL_, {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": "99999999" },
      body: "{}",
    });
    await expect(readJson(request, schema, 1024)).rejects.toThrow("larger than 1024 bytes");
  });

  it("requires the JSON content type", async () => {
    const request = new Request(URL_, {
      method: "POST",
      body: '{"name":"x"}',
      headers: { "content-type": "text/plain" },
    });
    const error = await readJson(request, schema).catch((e) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect(error.status).toBe(400);
  });
});

describe("control characters in a body", () => {
  const post = (body: string) =>
    new Request(URL_, { method: "POST", body, headers: { "content-type": "application/json" } });

  it("a NUL anywhere, even in a free-form field, is a 400 naming its path", async () => {
    const schema = z.object({ settings: z.record(z.string(), z.unknown()) });
    const error = await readJson(post('{"settings":{"a":[1,"x\\u0000y"]}}'), schema).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(z.ZodError);
    expect((error as z.ZodError).issues[0]?.path).toEqual(["settings", "a", 1]);
    const key = await readInput(post('{"bad\\u0001key":1}'), z.object({}).passthrough()).catch((e: unknown) => e);
    expect((key as z.ZodError).issues[0]?.path).toEqual(["bad\u0001key"]);
  });

  it("tabs and line breaks are text", async () => {
    expect(await readJson(post('{"note":"a\\n\\tb\\r"}'), z.object({ note: z.string() }))).toEqual({
      note: "a\n\tb\r",
    });
  });
});

describe("the control-character pre-scan of JSON text", () => {
  it("flags every escape that parses to a control character, and not plain text or tabs and newlines", async () => {
    const { jsonTextMayHoldControlCharacters: may } = await import("../validation");
    for (const c of ["\u0000", "\u0001", "\u0008", "\u000b", "\u000c", "\u000e", "\u001f", "\u007f"])
      expect(may(JSON.stringify({ v: `a${c}b` })), JSON.stringify(c)).toBe(true);
    expect(may('{"v":"\\u007F"}')).toBe(true);
    expect(may(JSON.stringify({ v: "a\n\t\rb", w: "é — 🚀" }))).toBe(false);
  });
});
