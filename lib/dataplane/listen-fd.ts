import { readdirSync, readFileSync, readlinkSync } from "node:fs";

// Which file descriptor of this process is the listening TCP socket on `port`, read from /proc
// (Linux). The router's launcher hands that descriptor to its supervisor as an inherited fd, so
// the socket outlives any one serving process without a private Node API. Null when /proc is not
// there (another OS) or the socket is not found: the caller then serves in one process.

/** Inodes of sockets in LISTEN state on `port`, from /proc/net/tcp{,6} text. Pure. */
export function listeningInodes(tables: string[], port: number): Set<string> {
  const inodes = new Set<string>();
  for (const table of tables) {
    for (const line of table.split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
      if (cols.length < 10 || cols[3] !== "0A") continue;
      if (parseInt(cols[1].split(":")[1], 16) === port) inodes.add(cols[9]);
    }
  }
  return inodes;
}

export function listeningFd(port: number): number | null {
  try {
    const tables = ["/proc/self/net/tcp", "/proc/self/net/tcp6"].map((f) => {
      try {
        return readFileSync(f, "utf8");
      } catch {
        return "";
      }
    });
    const inodes = listeningInodes(tables, port);
    if (inodes.size === 0) return null;
    for (const fd of readdirSync("/proc/self/fd")) {
      let target: string;
      try {
        target = readlinkSync(`/proc/self/fd/${fd}`);
      } catch {
        continue;
      }
      const m = /^socket:\[(\d+)\]$/.exec(target);
      if (m && inodes.has(m[1])) return Number(fd);
    }
    return null;
  } catch {
    return null;
  }
}
