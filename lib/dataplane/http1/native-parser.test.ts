import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { chooseBackend, Http1Parser, parserChoice, setParserForTests } from "./native-parser";

const require = createRequire(import.meta.url);

describe("choosing the HTTP parser", () => {
  it("uses Node's own llhttp where it is there (this Node), without a warning", () => {
    const { choice } = chooseBackend(require, undefined);
    expect(choice).toEqual({ kind: "llhttp" });
    expect(parserChoice().kind).toBe("llhttp");
  });

  it("falls back to http-parser-js with a warning when Node's internal parser is missing", () => {
    const load = (id: string) => {
      if (id === "_http_common")
        throw Object.assign(new Error("Cannot find module '_http_common'"), { code: "MODULE_NOT_FOUND" });
      return require(id) as unknown;
    };
    const { backend, choice } = chooseBackend(load, undefined);
    expect(backend.kind).toBe("http-parser-js");
    expect(choice.kind).toBe("http-parser-js");
    expect(choice.warning).toMatch(/_http_common.*Cannot find module.*http-parser-js/);
  });

  it("falls back too when the internal module is there but no longer looks like the parser", () => {
    const load = (id: string) => (id === "_http_common" ? { HTTPParser: class {}, methods: [] } : require(id));
    const { choice } = chooseBackend(load, undefined);
    expect(choice.kind).toBe("http-parser-js");
    expect(choice.warning).toMatch(/expected interface/);
  });

  it("takes the JavaScript parser when ROUTER_HTTP_PARSER=js asks for it, without a warning", () => {
    expect(chooseBackend(require, "js").choice).toEqual({ kind: "http-parser-js" });
  });
});

describe.each(["native", "js"] as const)("Http1Parser (%s)", (kind) => {
  const parse = (input: string) => {
    setParserForTests(kind);
    const heads: { method: string; url: string; headers: string[] }[] = [];
    const bodies: string[] = [];
    const p = new Http1Parser("request", {
      onHead: (h) => {
        heads.push({ method: h.method, url: h.url, headers: h.headers });
        return false;
      },
      onBody: (c) => bodies.push(c.toString()),
      onEnd: () => bodies.push("<end>"),
    });
    const error = p.execute(Buffer.from(input));
    setParserForTests("native");
    return { heads, bodies, error };
  };

  it("parses pipelined requests, chunked bodies included", () => {
    const r = parse(
      "POST /predict HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n" +
        "GET /b?q=1 HTTP/1.1\r\nHost: x\r\n\r\n",
    );
    expect(r.error).toBeNull();
    expect(r.heads.map((h) => `${h.method} ${h.url}`)).toEqual(["POST /predict", "GET /b?q=1"]);
    expect(r.heads[0].headers).toEqual(["Host", "x", "Transfer-Encoding", "chunked"]);
    expect(r.bodies).toEqual(["abc", "<end>", "<end>"]);
  });

  it("reports a malformed request and an oversized head with llhttp's codes", () => {
    expect(parse("NOT HTTP AT ALL\r\n\r\n").error?.code).toMatch(/^HPE_/);
    const big = parse(`GET / HTTP/1.1\r\nhost: x\r\nx-big: ${"a".repeat(20_000)}\r\n\r\n`);
    expect(big.error?.code).toBe("HPE_HEADER_OVERFLOW");
    expect(big.heads).toEqual([]);
  });
});
