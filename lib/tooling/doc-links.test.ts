import { describe, expect, it } from "vitest";
import { brokenLinks, headingAnchor } from "./doc-links";

const files: Record<string, string> = {
  "docs/ops.md": "# Operations\n\n## What survives what\n\n## Secrets at rest (AES-256-GCM)\n",
  "docs/routers/README.md": "# Routers\n",
};
const exists = (f: string) => f in files || f === "docs/screenshots/a.png";
const read = (f: string) => files[f] ?? "";

describe("doc links", () => {
  it("makes GitHub's heading anchors", () => {
    expect(headingAnchor("What survives what")).toBe("what-survives-what");
    expect(headingAnchor("Secrets at rest (AES-256-GCM)")).toBe("secrets-at-rest-aes-256-gcm");
    expect(headingAnchor("Built-in router (`builtin`)")).toBe("built-in-router-builtin");
  });

  it("accepts links to files and headings that exist, and external links", () => {
    const text =
      "[ops](ops.md) [w](ops.md#what-survives-what) [r](routers/README.md) ![s](screenshots/a.png) " +
      "[here](#operations) [x](https://example.com/missing)";
    expect(brokenLinks("docs/ops.md", text, exists, read)).toEqual([]);
  });

  it("reports missing files and headings, but not links inside code blocks", () => {
    const text = "[gone](gone.md) [h](ops.md#nothing-here)\n```\n[code](not-checked.md)\n```\n";
    expect(brokenLinks("docs/tour.md", text, exists, read)).toEqual([
      { file: "docs/tour.md", link: "gone.md", problem: "no such file" },
      { file: "docs/tour.md", link: "ops.md#nothing-here", problem: "no such heading" },
    ]);
  });
});
