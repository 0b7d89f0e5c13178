import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { appendFileSync } from 'node:fs';

export interface RecordedAnswer {
  method: string;
  path: string;
  status: number;
  mediaType: string;
  body: string;
}

/**
 * Appends every answer the app gives (one JSON line each) to `file`, so a run of
 * the whole e2e suite can be checked against the OpenAPI document afterwards
 * (test/support/check-recorded-answers.ts). Only when CONTRACT_RECORD is set.
 */
export function recordAnswers(app: INestApplication, file: string): void {
  app.use((req: Request, res: Response, next: NextFunction) => {
    const chunks: Buffer[] = [];
    const write = res.write.bind(res);
    const end = res.end.bind(res);
    const keep = (chunk: unknown) => {
      if (typeof chunk === 'string') chunks.push(Buffer.from(chunk));
      else if (Buffer.isBuffer(chunk)) chunks.push(chunk);
    };
    res.write = ((chunk: unknown, ...rest: never[]) => {
      keep(chunk);
      return write(chunk, ...rest);
    }) as Response['write'];
    res.end = ((chunk?: unknown, ...rest: never[]) => {
      keep(chunk);
      const answer: RecordedAnswer = {
        method: req.method,
        path: req.originalUrl,
        status: res.statusCode,
        mediaType: String(res.getHeader('content-type') ?? '').split(';')[0],
        body: Buffer.concat(chunks).toString('utf8'),
      };
      appendFileSync(file, `${JSON.stringify(answer)}\n`);
      return end(chunk as never, ...rest);
    }) as Response['end'];
    next();
  });
}
