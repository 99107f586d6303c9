// Every relative link in README.md and docs/ must lead somewhere: a file that exists and, for
// `page.md#heading`, a heading that does. Run by npm test's docs stage, so moving or renaming a
// page or a heading can't leave readers at a dead end.
//   npx tsx lib/tooling/doc-links.ts
import fs from "node:fs";
import path from "node:path";

export interface BrokenLink {
  file: string;
  link: string;
  problem: "no such file" | "no such heading";
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as dashes. */
export function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\- _]/gu, "")
    .replace(/ /g, "-");
}

/** The broken relative links of one Markdown text found at `file` (code blocks are skipped). */
export function brokenLinks(
  file: string,
  text: string,
  exists: (file: string) => boolean = fs.existsSync,
  read: (file: string) => string = readText,
): BrokenLink[] {
  const prose = text.replace(/```[\s\S]*?```/g, "");
  const broken: BrokenLink[] = [];
  for (const match of prose.matchAll(/\]\(([^)\s]+)\)/g)) {
    const link = match[1]!;
    if (/^[a-z]+:/i.test(link)) continue;
    const [target, anchor] = link.split("#", 2) as [string, string | undefined];
    const resolved = target ? path.join(path.dirname(file), target) : file;
    if (!exists(resolved)) {
      broken.push({ file, link, problem: "no such file" });
      continue;
    }
    if (anchor && resolved.endsWith(".md")) {
      const headings = [...read(resolved).matchAll(/^#+ (.*)$/gm)].map((h) => headingAnchor(h[1]!));
      if (!headings.includes(anchor)) broken.push({ file, link, problem: "no such heading" });
    }
  }
  return broken;
}

function readText(file: string): string {
  return fs.readFileSync(file, "utf8");
}

function markdownFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? markdownFiles(p) : e.name.endsWith(".md") ? [p] : [];
  });
}

if (import.meta.filename === path.resolve(process.argv[1] ?? "")) {
  const root = path.resolve(import.meta.dirname, "../..");
  process.chdir(root);
  const broken = ["README.md", ...markdownFiles("docs")].flatMap((f) => brokenLinks(f, readText(f)));
  for (const b of broken) console.error(`✖ ${b.file}: ${b.link} (${b.problem})`);
  if (broken.length) process.exit(1);
  console.log("Every link in README.md and docs/ leads somewhere.");
}
