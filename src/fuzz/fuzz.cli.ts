#!/usr/bin/env node
/**
 * Long fuzz runs against a running service: npm run fuzz -- --requests 20000 (see --help).
 */
import { loadConfig } from '../config/config';
import { FUZZ_HELP, FuzzOptions, parseFuzzArgs } from './fuzz-args';
import { FuzzContext, sampleRequests } from './fuzz-requests';
import { FuzzSession } from './fuzz-session';
import { knownFailureOf, knownProjectionBlockOf } from './known-failures';
import { FUZZ_PRINCIPALS } from './principals';
import { FuzzOutcome, formatSummary, runRequests, summarize } from './run';
import { closeConnections } from './send';
import { isReadinessNotReady } from './verdict';
import { randomUUID } from 'node:crypto';
import { messageOf } from '../common/error-message';

/** Requests are generated in chunks (seed, seed+1, …) so a long run never holds them all. */
const CHUNK = 500;

async function run(options: FuzzOptions): Promise<number> {
  const secret = options.tokenSecret ?? process.env.JWT_SECRET ?? loadConfig({}).jwtSecret;
  const session = new FuzzSession(options.url, secret, options.timeoutMs);
  let routes;
  try {
    routes = await session.routes();
  } catch (error) {
    console.error(`cannot read the service's routes: ${messageOf(error)}`);
    return 2;
  }
  const { caseIds, appealIds } = await session.seedCases();
  console.log(
    `fuzz ${options.url.origin}: ${routes.length} routes, ${options.requests} requests, seed ${options.seed}, ${caseIds.length} real cases, concurrency ${options.concurrency}`,
  );
  const context: FuzzContext = {
    routes,
    known: { id: [...caseIds, randomUUID()], appealId: [...appealIds, randomUUID()] },
    principals: FUZZ_PRINCIPALS,
    secret,
    nowSeconds: session.nowSeconds(),
  };

  const outcomes: FuzzOutcome[] = [];
  const started = Date.now();
  let lastReport = 0;
  for (let offset = 0, chunk = 0; offset < options.requests; offset += CHUNK, chunk++) {
    context.nowSeconds = session.nowSeconds(); // tokens stay fresh on long runs
    const requests = sampleRequests(context, Math.min(CHUNK, options.requests - offset), options.seed + chunk);
    const done = await runRequests(options.url, requests, { concurrency: options.concurrency, timeoutMs: options.timeoutMs });
    for (const outcome of done) outcomes.push({ ...outcome, index: offset + outcome.index });
    if (Date.now() - lastReport > 2000 || outcomes.length === options.requests) {
      lastReport = Date.now();
      const failures = outcomes.filter((o) => !o.verdict.ok).length;
      const rate = Math.round(outcomes.length / Math.max(0.001, (Date.now() - started) / 1000));
      process.stderr.write(
        `  ${outcomes.length}/${options.requests} requests, ${rate}/s, 5xx ${outcomes.filter((o) => o.response.status >= 500 && !isReadinessNotReady(o.request, o.response)).length}, failures ${failures}\n`,
      );
    }
  }
  closeConnections();

  const summary = summarize(outcomes);
  console.log(
    formatSummary(summary, (o) => {
      const known = knownFailureOf(o);
      return known ? ` [known: ${known.issue}]` : '';
    }),
  );
  console.log(`seed ${options.seed}, ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const projections = await session.projections(15_000);
  console.log('\nprojection      status');
  for (const p of projections) {
    const known = knownProjectionBlockOf(p.blocked);
    console.log(
      `${p.name.padEnd(15)} ${p.status}${p.blocked ? ` at ${JSON.stringify(p.blocked)}` : ''}${known ? ` [known: ${known.issue}]` : ''}`,
    );
  }
  const stopped = projections.filter((p) => p.status !== 'running' || p.blocked !== null);
  return summary.failures.length > 0 || stopped.length > 0 ? 1 : 0;
}

async function main(): Promise<number> {
  const command = parseFuzzArgs(process.argv.slice(2), () => Math.floor(Math.random() * 2 ** 31));
  switch (command.kind) {
    case 'help':
      console.log(FUZZ_HELP);
      return 0;
    case 'error':
      console.error(`${command.message}\n\n${FUZZ_HELP}`);
      return 2;
    case 'run':
      return run(command);
    default: {
      const never: never = command;
      return never;
    }
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : String(error));
    process.exit(2);
  },
);
