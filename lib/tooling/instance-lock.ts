// One Switchyard per data directory: a pid file taken with O_EXCL. A second start at the same
// time is refused with a clear message; a pid file left by a crash is detected and replaced.
import fs from "node:fs";

export function acquireInstanceLock(file: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(file, "wx");
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      return () => fs.rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const pid = Number(fs.readFileSync(file, "utf8"));
      if (pid && isAlive(pid))
        throw new Error(
          `Switchyard is already running from this folder (pid ${pid}). Stop it first, or set SWITCHYARD_DATA_DIR to run another.`,
        );
      fs.rmSync(file, { force: true }); // left by a crash
    }
  }
  throw new Error(`could not take ${file}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
