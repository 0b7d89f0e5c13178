import { readFileSync } from 'node:fs';
import type { RecordedAnswer } from './answer-recorder';
import { OpenApiConformance, OpenApiDocument, templateOf } from './openapi-conformance';

/**
 * Checks the answers a CONTRACT_RECORD run of the e2e suite recorded against
 * the OpenAPI document, and prints each distinct mismatch with its count:
 *   CONTRACT_RECORD=/tmp/answers.jsonl npx jest test/
 *   node test/support/ts-child.cjs test/support/check-recorded-answers.ts /tmp/answers.jsonl
 * (the api-contract spec writes the document next to the answers, as <file>.openapi.json).
 */
function main(file: string): number {
  const doc = JSON.parse(readFileSync(`${file}.openapi.json`, 'utf8')) as OpenApiDocument;
  const contract = new OpenApiConformance(doc);
  const mismatches = new Map<string, number>();
  let checked = 0;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const answer = JSON.parse(line) as RecordedAnswer;
    const method = answer.method.toLowerCase();
    const template = templateOf(doc, answer.path);
    if (template === undefined || doc.paths[template][method] === undefined) continue; // console pages, unknown routes, HEAD
    const json = /json$/.test(answer.mediaType);
    let body: unknown = answer.body;
    if (json) {
      try {
        body = JSON.parse(answer.body);
      } catch {
        body = answer.body;
      }
    }
    checked++;
    const verdict = contract.conformsTo(method, answer.path, answer.status, body, answer.mediaType);
    if (verdict.ok) continue;
    const code = typeof body === 'object' && body !== null && 'code' in body ? ` ${String(body.code)}` : '';
    for (const error of verdict.errors) {
      const key = `${error}${code}`;
      mismatches.set(key, (mismatches.get(key) ?? 0) + 1);
    }
  }
  for (const [key, count] of [...mismatches].sort()) console.log(`${count}\t${key}`);
  console.log(`${checked} answers checked, ${mismatches.size} distinct mismatches`);
  return mismatches.size === 0 ? 0 : 1;
}

// ts-child.cjs passes this script as argv[2]: the answers file is the last argument.
process.exitCode = main(process.argv[process.argv.length - 1]);
