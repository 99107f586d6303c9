// Targeting rules' regular expressions run on every request in the data plane, so they run on
// RE2 (re2js, a pure-JavaScript port of RE2): matching is linear in the input, whatever the
// pattern, so a catastrophic-backtracking pattern such as (a+)+$ can't stall a router. RE2 syntax
// has no look-around and no back-references; such a pattern is refused where it is typed (the
// rollout and routing-config schemas use targetingRegexProblem), never compiled here to something
// else. Pure; shared by the schemas and the data plane.
import { RE2JS } from "re2js";

export interface TargetingRegex {
  /** Whether the pattern matches anywhere in `value` (as RegExp.prototype.test does). */
  test(value: string): boolean;
}

/** Compiles a targeting pattern on RE2; throws with the reason when RE2 can't take it. */
export function compileTargetingRegex(pattern: string): TargetingRegex {
  const re = RE2JS.compile(pattern);
  return { test: (value) => re.test(value) };
}

/** Why `pattern` can't be a targeting pattern, in a person's words; undefined when it can. */
export function targetingRegexProblem(pattern: string): string | undefined {
  try {
    RE2JS.compile(pattern);
    return undefined;
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^error parsing regexp: /, "") : String(error);
    return `Not a supported regular expression (${reason}); look-around and back-references are not available`;
  }
}
