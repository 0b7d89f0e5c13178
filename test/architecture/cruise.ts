import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export interface Violation {
  rule: string;
  from: string;
  to: string;
}

interface CruiseResult {
  summary: { violations: { rule: { name: string }; from: string; to: string }[] };
}

const REPO = join(__dirname, '..', '..');
export const CRUISER_CONFIG = join(REPO, '.dependency-cruiser.cjs');
const CLI = join(REPO, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

/**
 * dependency-cruiser over `paths` (relative to `cwd`) with the repository's
 * rules. Its API is ESM only and jest loads CommonJS, so the CLI runs in a
 * child process and answers in JSON.
 */
export function cruise(cwd: string, paths: string[]): Violation[] {
  const out = execFileSync(process.execPath, [CLI, ...paths, '--config', CRUISER_CONFIG, '--output-type', 'json'], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const result: CruiseResult = JSON.parse(out);
  return result.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to }));
}

export const key = (v: Violation) => `${v.rule}: ${v.from} → ${v.to}`;
