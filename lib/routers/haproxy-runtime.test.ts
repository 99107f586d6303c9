import { describe, expect, it } from "vitest";
import { parseRuntimeEndpoint, parseServersState, parseVars } from "./haproxy-runtime";

describe("HAProxy Runtime API parsing", () => {
  it("accepts unix, tcp:// and ipv4@ endpoints", () => {
    expect(parseRuntimeEndpoint("unix:/run/haproxy/admin.sock")).toEqual({
      kind: "unix",
      path: "/run/haproxy/admin.sock",
    });
    expect(parseRuntimeEndpoint("tcp://127.0.0.1:9999")).toEqual({ kind: "tcp", host: "127.0.0.1", port: 9999 });
    expect(parseRuntimeEndpoint("ipv4@10.0.0.2:9999")).toEqual({ kind: "tcp", host: "10.0.0.2", port: 9999 });
    expect(() => parseRuntimeEndpoint("http://x")).toThrow();
  });

  it("parses show servers state (format 1) and get var answers", () => {
    const out = [
      "1",
      "# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight srv_iweight srv_time_since_last_change srv_check_status srv_check_result srv_check_health srv_check_state srv_agent_state bk_f_forced_id srv_f_forced_id srv_fqdn srv_port srvrecord srv_use_ssl srv_check_port srv_check_addr srv_agent_addr srv_agent_port",
      "3 be 1 champion 127.0.0.1 2 0 9 1 1 1 0 2 0 0 0 0 - 19997 - 0 0 - - 0",
      "3 be 2 challenger 127.0.0.1 0 1 1 0 10 1 0 0 0 0 0 0 - 19996 - 0 0 - - 0",
      "",
    ].join("\n");
    expect(parseServersState(out).map((s) => [s.name, s.weight, s.opState, s.adminState, s.port])).toEqual([
      ["champion", 9, 2, 0, 19997],
      ["challenger", 1, 0, 1, 19996],
    ]);
    expect(parseVars("proc.a: type=sint value=<5>\nVariable not found.\nproc.b: type=str value=<x=1&y=2>\n")).toEqual({
      "proc.a": "5",
      "proc.b": "x=1&y=2",
    });
  });
});
