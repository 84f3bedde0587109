/**
 * The one grammar of `// expect:` markers, which state what a linted example must report:
 *
 *   export const socket = new WebSocketManager(); // expect: ssot/no-direct-instantiation, ssot/no-module-singleton
 *
 * A marker is a line comment at the end of the line it is about, `expect:` and one or more rule ids
 * separated by commas. Anything else after `// expect` (a missing colon, a rule id without `ssot/`, a
 * stray word) is an error, so a misspelt marker cannot quietly expect nothing.
 */
const MARKER = /\/\/\s*expect\b(.*)$/u;
const IDS = /^:\s*(ssot\/[a-z][a-z0-9-]*(?:\s*,\s*ssot\/[a-z][a-z0-9-]*)*)\s*$/u;

/** `file:line ssot/rule` for every rule id of every marker in `text`, in order. */
export function markersIn(file: string, text: string): string[] {
  const found: string[] = [];
  text.split(/\r?\n/u).forEach((line, index) => {
    const rest = MARKER.exec(line)?.[1];
    if (rest === undefined) return;
    const ids = IDS.exec(rest)?.[1];
    if (ids === undefined) {
      throw new Error(
        `${file}:${String(index + 1)}: malformed marker "${line.trim()}"; write \`// expect: ssot/<rule>[, ssot/<rule>]\` at the end of the line`,
      );
    }
    for (const id of ids.split(',')) found.push(`${file}:${String(index + 1)} ${id.trim()}`);
  });
  return found;
}
