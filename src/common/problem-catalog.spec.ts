import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ApiProblems } from './api-problems.decorator';
import { PROBLEM_CATALOG } from './problem-catalog';

/** Every problem code the HTTP API raises, as written in the source (the console's own pages excluded). */
function raisedCodes(dir: string, codes = new Map<string, Set<number>>()): Map<string, Set<number>> {
  const add = (code: string, status: number) => codes.set(code, (codes.get(code) ?? new Set()).add(status));
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'console' && name !== 'fuzz') raisedCodes(path, codes);
      continue;
    }
    if (!/\.ts$/.test(name) || /spec|\.cli\.ts$/.test(name)) continue;
    const text = readFileSync(path, 'utf8');
    for (const m of text.matchAll(/new ProblemError\(\s*(\d+),\s*'([a-z0-9-]+)'/g)) add(m[2], Number(m[1]));
    for (const m of text.matchAll(/\bconflict\(\s*'([a-z0-9-]+)'/g)) add(m[1], 409);
    for (const m of text.matchAll(/\bforbidden\(\s*'([a-z0-9-]+)'/g)) add(m[1], 403);
    for (const m of text.matchAll(/\binvalid\(\s*'([a-z0-9-]+)'/g)) add(m[1], 400);
    for (const m of text.matchAll(/CaseRuleViolation\('not-found',\s*'([a-z0-9-]+)'/g)) add(m[1], 404);
    for (const m of text.matchAll(/\{ code: '([a-z0-9-]+)'; path/g)) add(m[1], 400); // request-inspection findings
    for (const m of text.matchAll(/^\s+(\d{3}): '([a-z0-9-]+)',$/gm)) add(m[2], Number(m[1])); // Nest's own errors by status (problem.filter.ts)
    for (const m of text.matchAll(/unauthenticated\(response, (?:[^,]*\? )?'([a-z0-9-]+)'(?: : '([a-z0-9-]+)')?/g))
      for (const code of m.slice(1)) if (code) add(code, 401);
    for (const m of text.matchAll(/readonly code = '([a-z0-9-]+)'/g)) add(m[1], 0); // typed errors mapped to a status at the edge
  }
  return codes;
}

describe('the problem catalog', () => {
  it('holds every code the source raises, with the status it is raised with', () => {
    const raised = raisedCodes(join(__dirname, '..'));
    expect(raised.size).toBeGreaterThan(60);
    const gaps: string[] = [];
    for (const [code, statuses] of raised) {
      if (code === 'csrf-failed') continue; // the console's forms only: answered as a page, never problem+json
      const entry = Object.getOwnPropertyDescriptor(PROBLEM_CATALOG, code)?.value as { statuses: readonly number[] } | undefined;
      if (entry === undefined) gaps.push(`${code}: not in the catalog`);
      else
        for (const status of statuses)
          if (status !== 0 && !entry.statuses.includes(status))
            gaps.push(`${code}: raised with ${status}, catalogued as ${entry.statuses.join('/')}`);
    }
    expect(gaps).toEqual([]);
  });

  it('refuses a status the catalog does not give a code', () => {
    expect(() => ApiProblems({ code: 'case-not-found', status: 409 })).toThrow(/not answered with 409/);
    expect(() => ApiProblems({ code: 'calendar-year-not-covered', status: 422 })).not.toThrow();
  });
});
