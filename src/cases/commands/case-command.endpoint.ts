import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { newId } from '../../common/ids';
import { ProblemError } from '../../common/problem';
import { CaseCommand } from '../domain/case.commands';
import { CaseCommandService, OnConflict } from '../case-command.service';
import { uuidFromName } from '../case-stream';
import { caseView } from '../case-view';
import { CommandRequest } from './case-command.http';

function parseIfMatch(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const match = /^(?:W\/)?"?(-?\d+)"?$/.exec(value.trim());
  if (!match) throw new ProblemError(400, 'invalid-if-match', 'If-Match must be the ETag of the case, e.g. "3"');
  return Number(match[1]);
}

/**
 * The HTTP side every command route shares: the headers read and checked, the
 * command run by CaseCommandService, and the answer (ETag, replay header, the case as the caller may see it).
 */
@Injectable()
export class CaseCommandEndpoint {
  constructor(@Inject(CaseCommandService) private readonly commands: CaseCommandService) {}

  /** A command on an existing case; `body` is what the client sent, hashed to refuse a reused Idempotency-Key. */
  async run(caseId: string, command: CaseCommand, request: CommandRequest, body: unknown, onConflict: OnConflict) {
    const { principal, response } = request;
    const requestHash = createHash('sha256')
      .update(JSON.stringify({ type: command.type, caseId, body }))
      .digest('hex');
    const key = request.idempotencyKey?.trim();
    if (key !== undefined && (key === '' || key.length > 200))
      throw new ProblemError(400, 'invalid-idempotency-key', 'Idempotency-Key must be 1 to 200 characters');
    const correlationId = request.correlationId && request.correlationId.length <= 100 ? request.correlationId : newId();
    const outcome = await this.commands.execute(caseId, command, principal, {
      ifMatch: parseIfMatch(request.ifMatch),
      onConflict,
      idempotencyKey: key,
      requestHash,
      correlationId,
    });
    response.setHeader('ETag', `"${outcome.revision}"`);
    if (outcome.replayed) response.setHeader('Idempotent-Replayed', 'true');
    return {
      caseId: outcome.caseId,
      revision: outcome.revision,
      position: outcome.position,
      replayed: outcome.replayed,
      events: outcome.events,
      case: outcome.state.plan ? caseView(outcome.state, outcome.revision, principal) : null,
    };
  }

  /**
   * A command that opens a case (201, Location). Its id is the client's, else derived from the
   * Idempotency-Key so a retry lands on the same case; If-Match means nothing for a case not there yet.
   */
  open(
    given: string | undefined,
    command: (caseId: string) => CaseCommand,
    request: CommandRequest,
    body: unknown,
    onConflict: OnConflict,
  ) {
    const { principal, idempotencyKey } = request;
    const caseId = given || (idempotencyKey ? uuidFromName(`case:${principal.userId}:${idempotencyKey}`) : newId());
    request.response.status(201).setHeader('Location', `/cases/${caseId}`);
    return this.run(caseId, command(caseId), { ...request, ifMatch: undefined }, body, onConflict);
  }
}

/** What a command route extends: the endpoint, injected once here rather than in every slice. */
export abstract class CaseCommandRoute {
  constructor(@Inject(CaseCommandEndpoint) protected readonly endpoint: CaseCommandEndpoint) {}
}
