import fs from "node:fs";
import net from "node:net";
import { describe, expect, it } from "vitest";
import { listeningFd, listeningInodes } from "./listen-fd";

const TABLE = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0000000000000000 100 0 0 10 0
   1: 0100007F:1F90 0100007F:C350 01 00000000:00000000 00:00000000 00000000     0        0 4343 1 0000000000000000 20 4 30 10 -1
   2: 0100007F:1F91 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4444 1 0000000000000000 100 0 0 10 0`;

describe("listeningInodes", () => {
  it("finds the LISTEN sockets on the port, not connections to it nor other ports", () => {
    expect([...listeningInodes([TABLE], 8080)]).toEqual(["4242"]);
    expect([...listeningInodes([TABLE, ""], 8081)]).toEqual(["4444"]);
    expect(listeningInodes([TABLE], 9999).size).toBe(0);
  });
});

describe("listeningFd", () => {
  it("names this process's descriptor of a socket it listens on, and none for a port it doesn't", async () => {
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    const port = (server.address() as net.AddressInfo).port;
    const fd = listeningFd(port);
    expect(fd).toBeGreaterThan(2);
    // (That the descriptor serves in a child process is what restart.chaos.test.ts proves.)
    expect(fs.readlinkSync(`/proc/self/fd/${fd}`)).toMatch(/^socket:\[\d+\]$/);
    await new Promise((r) => server.close(r));
    expect(listeningFd(port)).toBeNull();
  });
});
