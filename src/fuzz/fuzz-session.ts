import { randomUUID } from 'node:crypto';
import type { FuzzRequest } from './fuzz-requests';
import { authorizationFor } from './fuzz-tokens';
import { isRecord } from './json';
import { FuzzRoute, routesFromOpenApi } from './openapi-routes';
import { ADMIN, RECEIVER, VALID_APPLICATION } from './principals';
import { send } from './send';

/** The steps around a fuzz run that talk to the service: its routes, real cases to aim at, the projections afterwards. */
export class FuzzSession {
  constructor(
    private readonly base: URL,
    private readonly secret: string,
    private readonly timeoutMs = 10_000,
  ) {}

  nowSeconds(): number {
    return Math.floor(Date.now() / 1000);
  }

  private async call(request: Omit<FuzzRequest, 'route'>) {
    const response = await send(this.base, { route: 'session', ...request }, this.timeoutMs, 50_000_000);
    let body: unknown;
    try {
      body = JSON.parse(response.body);
    } catch {
      body = undefined;
    }
    return { status: response.status, body };
  }

  /** Every route of the service's OpenAPI document. */
  async routes(): Promise<FuzzRoute[]> {
    const { status, body } = await this.call({ method: 'GET', path: '/docs-json', headers: {} });
    if (status !== 200) throw new Error(`GET ${new URL('/docs-json', this.base).href} answered ${status || 'nothing'}`);
    return routesFromOpenApi(body);
  }

  /** Receives two applications and files an appeal on the first; on a clock where no regulation is in force, none. */
  async seedCases(): Promise<{ caseIds: string[]; appealIds: string[] }> {
    const authorization = authorizationFor('valid', RECEIVER, this.secret, this.nowSeconds()) ?? '';
    const headers = { authorization, 'content-type': 'application/json' };
    const caseIds: string[] = [];
    for (let i = 0; i < 2; i++) {
      const { status, body } = await this.call({ method: 'POST', path: '/cases', headers, body: JSON.stringify(VALID_APPLICATION) });
      if (status === 201 && isRecord(body) && typeof body.caseId === 'string') caseIds.push(body.caseId);
    }
    const appealIds: string[] = [];
    if (caseIds.length > 0) {
      const appealId = randomUUID();
      const { status } = await this.call({
        method: 'POST',
        path: `/cases/${caseIds[0]}/appeals`,
        headers,
        body: JSON.stringify({ appealId, grounds: 'Результат не выдан в срок' }),
      });
      if (status === 200) appealIds.push(appealId);
    }
    return { caseIds, appealIds };
  }

  /** Each projection's name, status and block once they have caught up (or `waitMs` has passed). */
  async projections(waitMs: number): Promise<Array<{ name: string; status: string; lagEvents: number; blocked: unknown }>> {
    const until = Date.now() + waitMs;
    for (;;) {
      const authorization = authorizationFor('valid', ADMIN, this.secret, this.nowSeconds()) ?? '';
      const { status, body } = await this.call({ method: 'GET', path: '/projections/status', headers: { authorization } });
      if (status !== 200 || !isRecord(body) || !Array.isArray(body.projections))
        throw new Error(`GET /projections/status answered ${status}`);
      const projections = body.projections.filter(isRecord).map((p) => ({
        name: String(p.name),
        status: String(p.status),
        lagEvents: Number(p.lagEvents),
        blocked: p.blocked ?? null,
      }));
      if (Date.now() > until || projections.every((p) => p.lagEvents === 0 || p.status !== 'running')) return projections;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** GET /health/ready: its status code and the `status` of its body. */
  async readiness(): Promise<{ status: number; state: unknown }> {
    const { status, body } = await this.call({ method: 'GET', path: '/health/ready', headers: {} });
    return { status, state: isRecord(body) ? body.status : undefined };
  }
}
