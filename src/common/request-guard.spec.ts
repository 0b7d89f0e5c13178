import express, { NextFunction, Request, Response } from 'express';
import request from 'supertest';
import { PROBLEM_CONTENT_TYPE } from './problem';
import { toProblem } from './problem.filter';
import { requestGuard } from './request-guard';

/** The guard on a bare Express app, its errors rendered as the ProblemFilter renders them. */
function appWith(options: Parameters<typeof requestGuard>[0]) {
  const app = express();
  app.use(...requestGuard(options));
  app.use((req: Request, res: Response) => {
    res.json({ body: req.body ?? null });
  });
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const problem = toProblem(error);
    res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem.toBody()));
  });
  return app;
}

describe('request guard (Express middleware)', () => {
  const app = appWith({ bodyLimitBytes: 2048, maxDepth: 4 });
  const post = (body: string, type = 'application/json') => request(app).post('/x').set('Content-Type', type).send(body);

  it('passes an ordinary body through', async () => {
    const res = await post('{"a":[1,{"b":"Әсел 😀"}]}').expect(200);
    expect(res.body.body).toEqual({ a: [1, { b: 'Әсел 😀' }] });
  });

  it('takes the body limit from its options: 413 body-too-large with the limit', async () => {
    const res = await post(JSON.stringify({ a: 'x'.repeat(3000) })).expect(413);
    expect(res.body).toMatchObject({ code: 'body-too-large', limitBytes: 2048 });
    await post(JSON.stringify({ a: 'x'.repeat(1500) })).expect(200);
  });

  it('takes the depth limit from its options', async () => {
    await post('[[[[1]]]]').expect(200);
    expect((await post('[[[[[1]]]]]').expect(400)).body).toMatchObject({ code: 'body-too-deep', maxDepth: 4 });
  });

  it('answers the body parser’s own errors as problems, never a 500', async () => {
    expect((await post('{"a":').expect(400)).body.code).toBe('malformed-json');
    expect((await post('{}', 'application/json; charset=latin2').expect(415)).body.code).toBe('unsupported-media-type');
    expect(
      (await request(app).post('/x').set('Content-Type', 'application/json').set('Content-Encoding', 'br-unknown').send('{}').expect(415))
        .body.code,
    ).toBe('unsupported-media-type');
  });

  it('inspects form bodies as well as JSON', async () => {
    expect((await post('name=%D0%98%D0%B2%00', 'application/x-www-form-urlencoded').expect(400)).body).toMatchObject({
      code: 'text-not-storable',
      path: 'body.name',
    });
  });

  it('names the place in the query or the path', async () => {
    expect((await request(app).get('/x?a=1&b=%00').expect(400)).body).toMatchObject({ code: 'text-not-storable', path: 'query.b' });
    expect((await request(app).get('/cases/%00').expect(400)).body).toMatchObject({ code: 'text-not-storable', path: 'path[2]' });
    expect((await request(app).get('/cases/%E0%A4%A').expect(400)).body.code).toBe('malformed-url');
  });
});
