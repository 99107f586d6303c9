import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { NodeRequestView } from "./request-view";

function req(rawHeaders: string[], url = "/predict?region=eu&x=%20y"): IncomingMessage {
  const headers: Record<string, string> = {};
  for (let i = 0; i < rawHeaders.length; i += 2) headers[rawHeaders[i].toLowerCase()] ??= rawHeaders[i + 1];
  return { rawHeaders, url, headers } as unknown as IncomingMessage;
}

describe("NodeRequestView", () => {
  const raw = [
    "Host", "router:8080",
    "Connection", "keep-alive",
    "X-User-Id", "u-1",
    "Content-Length", "12",
    "Cookie", "uid=c%201; plan=pro",
    "X-Ticket-Type", "billing",
    "Transfer-Encoding", "chunked",
    "X-Other", "kept",
  ];

  it("forwards end-to-end headers only, in order, keeping their case", () => {
    const v = new NodeRequestView(req(raw), ["x-user-id"]);
    expect(v.forward).toEqual(["X-User-Id", "u-1", "Content-Length", "12", "Cookie", "uid=c%201; plan=pro", "X-Ticket-Type", "billing", "X-Other", "kept"]);
    expect(v.contentLength).toBe("12");
    expect(v.chunked).toBe(true);
  });

  it("reads wanted headers from the scan and others from node's headers", () => {
    const v = new NodeRequestView(req(raw), ["x-user-id", "x-ticket-type"]);
    expect(v.header("x-user-id")).toBe("u-1");
    expect(v.header("x-ticket-type")).toBe("billing");
    expect(v.header("x-other")).toBe("kept");
    expect(v.header("x-missing")).toBeUndefined();
  });

  it("parses cookies, query and path on demand", () => {
    const v = new NodeRequestView(req(raw), ["cookie"]);
    expect(v.cookie("uid")).toBe("c 1");
    expect(v.cookie("plan")).toBe("pro");
    expect(v.cookie("nope")).toBeUndefined();
    expect(v.query("region")).toBe("eu");
    expect(v.query("x")).toBe(" y");
    expect(v.path()).toBe("/predict");
    expect(new NodeRequestView(req([], "/a/b"), []).path()).toBe("/a/b");
  });
});
