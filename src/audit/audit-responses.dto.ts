import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/**
 * The OpenAPI shapes of the audit answers (replay, verify, dossier, access
 * log). Top-level fields are typed one by one; nested records that have their
 * own TypeScript types (replay.ts, dossier.ts, stream-verdict.ts) are objects
 * with an example.
 */

const PERSONAL_DATA_EXAMPLE = { applicant: { iin: '900101300017', name: 'Иванов Иван' }, representative: null, masked: false };
const VERDICT_EXAMPLE = {
  streamId: 'case-5f0c7a1e-2b1c-4c1e-9d3a-0b6c2f1e9a11',
  verdict: 'intact',
  checked: 3,
  total: 3,
  lastRevision: 2,
  firstMismatch: null,
  findings: [],
  head: { revision: 2, lastHash: 'b3f1…', matches: true },
};

export class StreamVerdictDto {
  @ApiProperty({ example: VERDICT_EXAMPLE.streamId }) streamId!: string;
  @ApiProperty({ enum: ['intact', 'broken', 'empty'], example: 'intact' }) verdict!: string;
  @ApiProperty({ example: 3, description: 'Events whose hash and link matched before the first mismatch' }) checked!: number;
  @ApiProperty({ example: 3 }) total!: number;
  @ApiProperty({ example: 2 }) lastRevision!: number;
  @ApiProperty({ type: Object, nullable: true, example: null }) firstMismatch!: Record<string, unknown> | null;
  @ApiProperty({ type: [Object], example: [] }) findings!: Record<string, unknown>[];
  @ApiProperty({
    type: Object,
    nullable: true,
    example: VERDICT_EXAMPLE.head,
    description: 'null where the store keeps no head (EventStoreDB)',
  })
  head!: Record<string, unknown> | null;
}

export class StreamAnchorDto {
  @ApiProperty({ type: Object, nullable: true, description: 'The latest checkpoint published outside the database, if any' })
  checkpoint!: Record<string, unknown> | null;
  @ApiProperty({ example: true }) keyChecked!: boolean;
  @ApiProperty({ example: '/var/lib/kzrs/witness' }) witness!: string;
  @ApiProperty({ type: [Number], example: [0, 1] }) coveredRevisions!: number[];
  @ApiProperty({ type: [Number], example: [2] }) chainOnlyRevisions!: number[];
  @ApiProperty({ type: [Object], example: [] }) findings!: Record<string, unknown>[];
  @ApiProperty({ type: [Object], example: [] }) logFindings!: Record<string, unknown>[];
}

export class IntegrityStatementDto {
  @ApiProperty({ example: 'Проверены 3 события дела…' }) ru!: string;
  @ApiProperty({ example: '3 events of the case were checked…' }) en!: string;
  @ApiProperty({ enum: ['intact', 'broken', 'empty'], example: 'intact' }) verdict!: string;
  @ApiProperty({
    type: Object,
    nullable: true,
    example: {
      origin: 'kz-regulated-services.local/transparency-log',
      treeSize: 42,
      signedAt: '2019-03-04T05:00:00.000Z',
      signatureChecked: true,
    },
  })
  checkpoint!: Record<string, unknown> | null;
  @ApiProperty({ type: [Number], example: [0, 1] }) coveredRevisions!: number[];
  @ApiProperty({ type: [Number], example: [2] }) chainOnlyRevisions!: number[];
}

export class CaseVerificationDto extends StreamVerdictDto {
  @ApiProperty({ example: '5f0c7a1e-2b1c-4c1e-9d3a-0b6c2f1e9a11' }) caseId!: string;
  @ApiProperty({ example: '2019-03-04T05:00:00.000Z' }) verifiedAt!: string;
  @ApiProperty({ type: StreamAnchorDto }) anchor!: StreamAnchorDto;
  @ApiProperty({ type: IntegrityStatementDto }) statement!: IntegrityStatementDto;
}

export class CaseReplayDto {
  @ApiProperty({ example: '5f0c7a1e-2b1c-4c1e-9d3a-0b6c2f1e9a11' }) caseId!: string;
  @ApiProperty({
    type: Object,
    example: { kind: 'revision', revision: 1 },
    description: 'kind latest | at (with at) | revision (with revision)',
  })
  point!: Record<string, unknown>;
  @ApiProperty({ example: 1, description: 'Last revision folded; -1 when the case had no event yet at the point' }) revision!: number;
  @ApiProperty({ example: true, description: 'False when the point lies before the case was received' }) received!: boolean;
  @ApiProperty({ type: String, nullable: true, example: 'school-7' }) providerOrganisation!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'sc-kostanay' }) stateCorporationOrganisation!: string | null;
  @ApiProperty({ type: Object, example: PERSONAL_DATA_EXAMPLE }) personalData!: Record<string, unknown>;
  @ApiProperty({ type: Object, nullable: true, description: 'From the plan snapshot in the first event, with citations' })
  regulation!: Record<string, unknown> | null;
  @ApiProperty({ type: [String], example: [] }) warnings!: string[];
  @ApiProperty({
    type: [Object],
    description: 'mode=state: the regulated steps with due and actual times; mode=steps: each event with the state before and after it',
  })
  steps!: Record<string, unknown>[];
  @ApiPropertyOptional({ enum: ['new', 'open', 'acceptance-refused', 'service-refused', 'completed'], description: 'mode=state' })
  status?: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'mode=state: the instant open deadlines are judged at' }) asOf?:
    string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'mode=state' }) receivedAt?: string | null;
  @ApiPropertyOptional({ type: Object, nullable: true, description: 'mode=state' }) currentStep?: Record<string, unknown> | null;
  @ApiPropertyOptional({ type: Object, nullable: true, description: 'mode=state' }) overallDeadline?: Record<string, unknown> | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'mode=state' }) namedExecutor?: string | null;
  @ApiPropertyOptional({ description: 'mode=state' }) signed?: boolean;
  @ApiPropertyOptional({ description: 'mode=state' }) resultLocation?: string;
  @ApiPropertyOptional({ type: [Object], description: 'mode=state' }) appeals?: Record<string, unknown>[];
  @ApiPropertyOptional({ type: [Object], description: 'mode=state' }) deadlines?: Record<string, unknown>[];
  @ApiPropertyOptional({ type: [Object], description: 'mode=state' }) breaches?: Record<string, unknown>[];
  @ApiPropertyOptional({ type: [Object], description: 'mode=state' }) events?: Record<string, unknown>[];
}

export class CaseDossierDto {
  @ApiProperty({ example: '5f0c7a1e-2b1c-4c1e-9d3a-0b6c2f1e9a11' }) caseId!: string;
  @ApiProperty({ example: '2019-03-20T05:00:00.000Z' }) generatedAt!: string;
  @ApiProperty({ type: Object, example: { userId: 'u-ar', role: 'appeal-reviewer', personalDataMasked: false } }) generatedFor!: Record<
    string,
    unknown
  >;
  @ApiProperty({ example: 7 }) revision!: number;
  @ApiProperty({ enum: ['new', 'open', 'acceptance-refused', 'service-refused', 'completed'], example: 'completed' }) status!: string;
  @ApiProperty({ type: String, nullable: true, example: '2019-03-04T04:00:00.000Z' }) receivedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'school-7' }) providerOrganisation!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'sc-kostanay' }) stateCorporationOrganisation!: string | null;
  @ApiProperty({ type: Object, example: PERSONAL_DATA_EXAMPLE }) personalData!: Record<string, unknown>;
  @ApiProperty({ type: [String], example: ['заявление'] }) documents!: string[];
  @ApiProperty({ type: Boolean, nullable: true, example: true }) consentToProtectedData!: boolean | null;
  @ApiProperty({ type: Object, nullable: true }) regulation!: Record<string, unknown> | null;
  @ApiProperty({ type: Object, nullable: true }) legal!: Record<string, unknown> | null;
  @ApiProperty({ type: [Object] }) timeline!: Record<string, unknown>[];
  @ApiProperty({ type: [Object] }) deadlines!: Record<string, unknown>[];
  @ApiProperty({ type: [Object] }) breaches!: Record<string, unknown>[];
  @ApiProperty({ type: Object }) outcome!: Record<string, unknown>;
  @ApiProperty({ type: [Object] }) actors!: Record<string, unknown>[];
  @ApiProperty({ type: [Object] }) appeals!: Record<string, unknown>[];
  @ApiProperty({ type: [Object] }) reassignments!: Record<string, unknown>[];
  @ApiProperty({ type: StreamVerdictDto }) integrity!: StreamVerdictDto;
  @ApiProperty({ type: StreamAnchorDto, nullable: true, description: 'null when the transparency log was not consulted' })
  anchor!: StreamAnchorDto | null;
  @ApiProperty({ type: IntegrityStatementDto }) integrityStatement!: IntegrityStatementDto;
  @ApiProperty({ type: [Object] }) events!: Record<string, unknown>[];
  @ApiProperty({ type: [String], example: [] }) notes!: string[];
}

export class AccessLogEntryDto {
  @ApiProperty({ example: '5f0c7a1e-2b1c-4c1e-9d3a-0b6c2f1e9a11' }) caseId!: string;
  @ApiProperty({
    type: Object,
    example: {
      userId: 'u-ov',
      role: 'oversight',
      roles: ['oversight'],
      organisation: 'regional-education-department',
      region: 'kostanay-oblast',
    },
  })
  who!: Record<string, unknown>;
  @ApiProperty({ enum: ['replay', 'verify', 'dossier'], example: 'replay' }) what!: string;
  @ApiProperty({ type: Object, example: { revision: '1' } }) parameters!: Record<string, string>;
  @ApiProperty({ enum: ['granted', 'denied'], example: 'granted' }) outcome!: string;
  @ApiProperty({ example: '2019-03-20T05:00:00.000Z' }) occurredAt!: string;
  @ApiProperty({ example: 'c0ffee-1' }) correlationId!: string;
  @ApiProperty({ example: 0 }) revision!: number;
  @ApiProperty({ example: '0b6f7c1e-8f7a-4c1d-9d5e-2f1a3b4c5d6e' }) eventId!: string;
  @ApiProperty({ example: '2019-03-20T05:00:00.120Z' }) recordedAt!: string;
}

export class AccessLogPageDto {
  @ApiProperty({ example: '5f0c7a1e-2b1c-4c1e-9d3a-0b6c2f1e9a11' }) caseId!: string;
  @ApiProperty({ example: 'audit-access-5f0c7a1e-2b1c-4c1e-9d3a-0b6c2f1e9a11' }) streamId!: string;
  @ApiProperty({ example: 1 }) total!: number;
  @ApiProperty({ type: [AccessLogEntryDto] }) items!: AccessLogEntryDto[];
  @ApiProperty({ type: Number, nullable: true, example: null }) nextFromRevision!: number | null;
  @ApiProperty({ type: StreamVerdictDto }) integrity!: StreamVerdictDto;
}

/** GET /cases/:id/dossier?format=bundle (bundle-format.ts): verified offline by npm run audit:verify-bundle. */
export class CaseEvidenceBundleDto {
  @ApiProperty({ enum: ['kz-regulated-services/case-evidence-bundle'] }) format!: string;
  @ApiProperty({ enum: [2], description: '2 adds `plans`; version-1 files (without) still verify' }) version!: number;
  @ApiProperty({ example: '5f0c7a1e-2b1c-4c1e-9d3a-0b6c2f1e9a11' }) caseId!: string;
  @ApiProperty({ example: 'case-5f0c7a1e-2b1c-4c1e-9d3a-0b6c2f1e9a11' }) streamId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The C2SP signed checkpoint note; null when none was published yet' })
  checkpoint!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The notary’s verifier key (C2SP vkey)' }) key!: string | null;
  @ApiProperty({ type: [Object], description: 'Each event exactly as stored' }) events!: Record<string, unknown>[];
  @ApiProperty({ type: [Object], description: 'The stream’s leaves the checkpoint covers' }) leaves!: Record<string, unknown>[];
  @ApiProperty({
    type: [Object],
    description:
      'Each regulation plan a receipt names by digest: { digest, plan }, the plan as the canonical JSON text whose SHA-256 is the digest',
  })
  plans!: Record<string, unknown>[];
}
