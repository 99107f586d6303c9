import { describe, expect, it } from "vitest";
import { installCommand, missingPackages, systemPackages, unsupportedNode } from "./system-packages";

const nothingInstalled = () => false;

describe("system packages npm test needs", () => {
  it("asks only for what the selected stages start", () => {
    expect(missingPackages(["typecheck", "docs", "unit"], nothingInstalled)).toEqual([]);
    expect(missingPackages(["e2e"], nothingInstalled).map((p) => p.debianPackage)).toEqual(["chromium"]);
    expect(missingPackages(["integration"], nothingInstalled).map((p) => p.debianPackage)).toEqual([
      "haproxy",
      "nginx",
      "prometheus",
      "openssl",
    ]);
  });

  it("finds nothing missing when every program is there", () => {
    expect(missingPackages(["integration", "chaos", "e2e"], () => true)).toEqual([]);
  });

  it("follows the program paths the tests use, including their overrides", () => {
    const seen: string[] = [];
    missingPackages(["integration", "e2e"], (p) => (seen.push(p), true), {
      HAPROXY_BIN: "/opt/haproxy/sbin/haproxy",
      PLAYWRIGHT_CHROMIUM_PATH: "/opt/chrome/chrome",
    });
    expect(seen).toContain("/opt/haproxy/sbin/haproxy");
    expect(seen).toContain("/opt/chrome/chrome");
    expect(seen).toContain("/usr/sbin/nginx");
  });

  it("prints the exact install command, with sudo unless root, each package once", () => {
    const packages = systemPackages({}).filter((p) => ["haproxy", "nginx"].includes(p.debianPackage));
    expect(installCommand([...packages, packages[0]], false)).toBe(
      "sudo apt-get update && sudo apt-get install -y --no-install-recommends haproxy nginx",
    );
    expect(installCommand(packages, true)).toBe(
      "apt-get update && apt-get install -y --no-install-recommends haproxy nginx",
    );
  });
});

describe("supported Node", () => {
  const engines = "^20.9.0 || ^24.0.0";
  it("accepts the versions engines lists", () => {
    expect(unsupportedNode("v20.9.0", engines)).toBeNull();
    expect(unsupportedNode("v20.20.2", engines)).toBeNull();
    expect(unsupportedNode("v24.22.3", engines)).toBeNull();
  });
  it("refuses others, saying what is supported", () => {
    expect(unsupportedNode("v20.8.1", engines)).toMatch(/not supported: package.json engines says \^20\.9\.0/);
    expect(unsupportedNode("v18.20.0", engines)).not.toBeNull();
    expect(unsupportedNode("v22.11.0", engines)).not.toBeNull();
  });
});
