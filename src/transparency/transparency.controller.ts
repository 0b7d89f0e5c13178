import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ANY_REQUEST, QUERY, STORAGE } from '../common/api-problem-sets';
import { ApiProblems } from '../common/api-problems.decorator';
import { ProblemError } from '../common/problem';
import { checkpointView } from './case-proof';
import { NotaryKey } from './notary-key';
import { TransparencyLog } from './transparency-log';
import { CheckpointJsonDto, CheckpointQueryDto, ConsistencyProofDto, ConsistencyQueryDto } from './transparency.dto';
import { checkConsistencyRange, parseTreeSize, withTreeProblems } from './tree-size-param';

const PUBLIC =
  'Public, no token: a checkpoint, the key and a consistency proof hold only hashes and counts, and whoever keeps a copy of them (a witness) must be able to fetch them.';

/** The signed checkpoints, the notary's public key and consistency proofs: what a witness polls. */
@ApiTags('transparency')
@ApiExtraModels(CheckpointJsonDto)
@ApiProblems(...ANY_REQUEST)
@Controller('transparency')
export class TransparencyController {
  constructor(
    @Inject(TransparencyLog) private readonly log: TransparencyLog,
    @Inject(NotaryKey) private readonly key: NotaryKey,
  ) {}

  @Get('checkpoint')
  @ApiProduces('text/plain', 'application/json')
  @ApiOkResponse({
    description:
      'text/plain: the C2SP signed note (tlog-checkpoint: origin, tree size, base64 root; then the Ed25519 signature line); application/json (?format=json): its parts',
    content: {
      'text/plain': {
        schema: {
          type: 'string',
          example: 'kz-regulated-services.local/transparency-log\n42\nq1w2…=\n\n— kz-regulated-services.local/transparency-log AbCd…=\n',
        },
      },
      'application/json': { schema: { $ref: getSchemaPath(CheckpointJsonDto) } },
    },
  })
  @ApiOperation({
    summary: 'The latest signed checkpoint of the transparency log',
    description: `404 no-checkpoint before the first is signed. ${PUBLIC}`,
  })
  @ApiProblems(...QUERY, ...STORAGE, 'no-checkpoint')
  async checkpoint(@Query() query: CheckpointQueryDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const latest = await this.log.latestCheckpoint();
    if (latest === undefined) throw new ProblemError(404, 'no-checkpoint', 'No checkpoint has been signed yet');
    response.setHeader('Cache-Control', 'no-cache');
    const json =
      query.format === 'json' || (query.format === undefined && request.accepts(['text/plain', 'application/json']) === 'application/json');
    if (json) return checkpointView(latest);
    response.setHeader('Content-Type', 'text/plain; charset=utf-8');
    return latest.signedNote;
  }

  @Get('key')
  @ApiProduces('text/plain')
  @ApiOkResponse({ schema: { type: 'string', example: 'kz-regulated-services.local/transparency-log+1a2b3c4d+AXfK…\n' } })
  @ApiOperation({
    summary: 'The notary’s public verifier key (C2SP vkey: <name>+<key id>+<base64 of 0x01 || Ed25519 key>)',
    description: PUBLIC,
  })
  verifierKey(@Res({ passthrough: true }) response: Response): string {
    response.setHeader('Content-Type', 'text/plain; charset=utf-8');
    return `${this.key.verifierKeyText}\n`;
  }

  @Get('consistency')
  @ApiOkResponse({ type: ConsistencyProofDto })
  @ApiProblems(...QUERY, ...STORAGE, 'invalid-tree-size', 'transparency-log-damaged', 'transparency-log-behind')
  @ApiOperation({
    summary: 'RFC 6962 consistency proof that the tree of `from` leaves is a prefix of the tree of `to` leaves',
    description: `0 < from <= to <= the tree's size, else 400 invalid-tree-size. Verify it against the roots of two signed checkpoints, never against roots this service states. ${PUBLIC}`,
  })
  async consistency(@Query() query: ConsistencyQueryDto): Promise<ConsistencyProofDto> {
    const from = parseTreeSize(query.from, 'from', 1);
    const to = parseTreeSize(query.to, 'to', 1);
    checkConsistencyRange(from, to, await this.log.treeSize());
    const proof = await withTreeProblems(() => this.log.consistencyProof(from, to));
    return { from, to, proof: proof.map((hash) => hash.toString('base64')) };
  }
}
