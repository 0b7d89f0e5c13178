import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DecideAppealDto } from '../../cases/commands/decide-appeal/decide-appeal.dto';
import { FileAppealDto } from '../../cases/commands/file-appeal/file-appeal.dto';
import { ForwardAppealDto } from '../../cases/commands/forward-appeal/forward-appeal.dto';
import { ImposeVisaDto } from '../../cases/commands/impose-visa/impose-visa.dto';
import { IssueResultDto } from '../../cases/commands/issue-result/issue-result.dto';
import { PrepareDraftDto } from '../../cases/commands/prepare-draft/prepare-draft.dto';
import { RecallFromStorageDto } from '../../cases/commands/recall-from-storage/recall-from-storage.dto';
import { ReassignExecutorDto } from '../../cases/commands/reassign-executor/reassign-executor.dto';
import { RefuseServiceDto } from '../../cases/commands/refuse-service/refuse-service.dto';
import { RegisterDto } from '../../cases/commands/register/register.dto';
import type { AvailableAction } from '../../cases/domain/available-actions';
import type { CaseCommand } from '../../cases/domain/case.commands';
import { checkAppealId } from '../../common/case-id';
import { ProblemError } from '../../common/problem';

export type ActionType = AvailableAction['type'];

const ACTION_TYPES: readonly ActionType[] = [
  'ForwardToProvider',
  'RegisterAtProvider',
  'ReviewDocuments',
  'ImposeVisa',
  'ReassignExecutor',
  'PrepareDraft',
  'SignResult',
  'SendToStateCorporation',
  'IssueResult',
  'RefuseService',
  'HandToStorage',
  'RecallFromStorage',
  'FileAppeal',
  'ForwardAppeal',
  'DecideAppeal',
];

export const isActionType = (value: unknown): value is ActionType => typeof value === 'string' && ACTION_TYPES.some((t) => t === value);

/** A posted form's fields: strings only (anything else is dropped), empty ones left out like the API's optional fields. */
export function formFields(body: unknown): Record<string, string> {
  const fields: Record<string, string> = {};
  if (typeof body !== 'object' || body === null) return fields;
  for (const [name, value] of Object.entries(body)) if (typeof value === 'string' && value.trim() !== '') fields[name] = value;
  return fields;
}

/** The API's DTO rules for the body (the same class-validator classes its ValidationPipe applies). */
function validated<T extends object>(dto: new () => T, fields: Record<string, string>, names: ReadonlyArray<keyof T & string>): T {
  const picked = Object.fromEntries(names.filter((n) => fields[n] !== undefined).map((n) => [n, fields[n]]));
  const instance = plainToInstance(dto, picked);
  if (validateSync(instance, { whitelist: true }).length > 0)
    throw new ProblemError(400, 'validation-failed', 'The form has invalid fields');
  return instance;
}

const appealIdOf = (fields: Record<string, string>): string => checkAppealId(fields.appealId ?? '');

/** The command a case-page form asks for, validated as the API validates the same request. */
export function commandFromForm(type: ActionType, fields: Record<string, string>): CaseCommand {
  switch (type) {
    case 'ForwardToProvider':
    case 'ReviewDocuments':
    case 'SignResult':
    case 'SendToStateCorporation':
    case 'HandToStorage':
      return { type };
    case 'RegisterAtProvider': {
      const dto = validated(RegisterDto, fields, ['registrationNumber']);
      return { type, ...(dto.registrationNumber ? { registrationNumber: dto.registrationNumber } : {}) };
    }
    case 'ImposeVisa':
      return { type, executorId: validated(ImposeVisaDto, fields, ['executorId']).executorId };
    case 'ReassignExecutor': {
      const dto = validated(ReassignExecutorDto, fields, ['executorId', 'reason']);
      return { type, executorId: dto.executorId, reason: dto.reason };
    }
    case 'PrepareDraft': {
      const dto = validated(PrepareDraftDto, fields, ['summary']);
      return { type, ...(dto.summary ? { summary: dto.summary } : {}) };
    }
    case 'IssueResult':
      return { type, to: validated(IssueResultDto, fields, ['to']).to };
    case 'RefuseService':
      return { type, grounds: validated(RefuseServiceDto, fields, ['grounds']).grounds };
    case 'RecallFromStorage':
      return { type, requestedAt: validated(RecallFromStorageDto, fields, ['requestedAt']).requestedAt };
    case 'FileAppeal': {
      const dto = validated(FileAppealDto, fields, ['appealId', 'grounds']);
      return { type, appealId: dto.appealId, grounds: dto.grounds };
    }
    case 'ForwardAppeal':
      return { type, appealId: appealIdOf(fields), to: validated(ForwardAppealDto, fields, ['to']).to };
    case 'DecideAppeal': {
      const dto = validated(DecideAppealDto, fields, ['decision', 'reasoning']);
      return { type, appealId: appealIdOf(fields), decision: dto.decision, reasoning: dto.reasoning };
    }
    default: {
      const unknown: never = type;
      return unknown;
    }
  }
}
