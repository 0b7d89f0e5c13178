import { isStorableText } from './storable-text';

/**
 * What the edge refuses in a parsed request before validation runs: a pure,
 * iterative walk (a recursive one would overflow the stack on exactly the
 * bodies it exists to refuse).
 */
export type InspectionFinding =
  | { code: 'text-not-storable'; path: string }
  | { code: 'forbidden-key'; path: string }
  | { code: 'body-too-deep'; path: string; maxDepth: number };

/** Keys that reach Object.prototype or a constructor through a naive merge or class-transformer. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export const DEFAULT_MAX_DEPTH = 32;

interface Node {
  value: unknown;
  /** Objects and arrays enclosing this value; the top-level value has depth 0. */
  depth: number;
  parent?: Node;
  key?: string | number;
}

/** `applicant.name`, `documents[2]`; an unstorable key is shown with U+FFFD, never as received. */
function pathOf(node: Node, root: string): string {
  const parts: string[] = [];
  for (let at: Node | undefined = node; at?.parent; at = at.parent) {
    parts.push(typeof at.key === 'number' ? `[${at.key}]` : `.${printable(at.key ?? '')}`);
  }
  const path = `${root}${parts.reverse().join('')}`;
  return path.length > 200 ? `${path.slice(0, 200)}…` : path;
}

const printable = (text: string) => text.replace(/\u0000|\p{Cs}/gu, '\ufffd');

/**
 * The first thing in `value` the edge refuses: text that cannot be stored (in
 * a key or a value), a forbidden key, or objects/arrays nested deeper than
 * `maxDepth`. `root` names the value in the path (e.g. "body", "query").
 */
export function inspectRequestValue(value: unknown, root: string, maxDepth = DEFAULT_MAX_DEPTH): InspectionFinding | undefined {
  const stack: Node[] = [{ value, depth: 0 }];
  for (let node = stack.pop(); node; node = stack.pop()) {
    const current = node.value;
    if (typeof current === 'string') {
      if (!isStorableText(current)) return { code: 'text-not-storable', path: pathOf(node, root) };
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    const depth = node.depth + 1;
    if (depth > maxDepth) return { code: 'body-too-deep', path: pathOf(node, root), maxDepth };
    if (Array.isArray(current)) {
      for (let index = current.length - 1; index >= 0; index--) stack.push({ value: current[index], depth, parent: node, key: index });
      continue;
    }
    const keys = Object.keys(current);
    for (let index = keys.length - 1; index >= 0; index--) {
      const key = keys[index];
      const child: Node = { value: undefined, depth, parent: node, key };
      if (!isStorableText(key)) return { code: 'text-not-storable', path: pathOf(child, root) };
      if (FORBIDDEN_KEYS.has(key)) return { code: 'forbidden-key', path: pathOf(child, root) };
      child.value = Reflect.get(current, key);
      stack.push(child);
    }
  }
  return undefined;
}
