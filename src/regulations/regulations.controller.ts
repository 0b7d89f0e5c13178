import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ANY_REQUEST, QUERY } from '../common/api-problem-sets';
import { ApiProblems } from '../common/api-problems.decorator';
import { ProblemError } from '../common/problem';
import { DEFAULT_TEXTS_DIR } from './catalog/load-catalog';
import { RegulationCatalog } from './catalog/regulation-catalog';
import { InForceQuery, ListRegulationsQuery } from './regulations.dto';
import { RegulationVersion } from './regulation.model';
import { RegulationListDto, RegulationVersionDto } from './regulation-responses.dto';

const summary = (v: RegulationVersion) => ({
  id: v.id,
  region: v.region,
  service: v.service,
  version: v.version,
  effectiveFrom: v.effectiveFrom,
  effectiveTo: v.effectiveTo,
  wording: v.wording.kind,
  channels: v.channels.map((c) => ({ channel: c.channel, available: c.available, wording: c.wording, steps: c.steps.length })),
  source: v.source,
});

@ApiTags('regulations')
@ApiProblems(...ANY_REQUEST)
@Controller('regulations')
export class RegulationsController {
  constructor(@Inject(RegulationCatalog) private readonly catalog: RegulationCatalog) {}

  @Get()
  @ApiOperation({ summary: 'List regulation versions, filtered by region, service, channel and date in force' })
  @ApiOkResponse({ type: RegulationListDto, description: 'Summaries of the matching versions' })
  @ApiProblems(...QUERY)
  list(@Query() query: ListRegulationsQuery) {
    const items = this.catalog.list(query).map(summary);
    return { total: items.length, items };
  }

  @Get('in-force')
  @ApiOperation({ summary: 'The one version governing an application received on a date through a channel' })
  @ApiOkResponse({ type: RegulationVersionDto })
  @ApiProblems(...QUERY, 'regulation-not-found', 'regulation-not-in-force', 'channel-not-available', 'regulation-wording-unknown')
  inForce(@Query() query: InForceQuery): RegulationVersion {
    return this.catalog.inForce(query.region, query.service, query.channel, query.date);
  }

  @Get('texts/:file')
  @ApiOperation({ summary: 'The seed text a citation points into (plain text)' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ schema: { type: 'string', example: 'Приложение 2 к постановлению акимата…' } })
  @ApiProblems('regulation-text-not-found')
  text(@Param('file') file: string, @Res() response: Response): void {
    const known = new Set(this.catalog.versions.map((v) => v.source.file));
    if (!known.has(file)) throw new ProblemError(404, 'regulation-text-not-found', `No seed text ${file}`);
    response.type('text/plain; charset=utf-8').send(readFileSync(join(DEFAULT_TEXTS_DIR, file), 'utf8'));
  }

  @Get(':region/:service/v:version')
  @ApiOperation({ summary: 'One regulation version with its channels, steps, durations and citations' })
  @ApiOkResponse({ type: RegulationVersionDto })
  @ApiProblems('regulation-version-not-found')
  get(@Param('region') region: string, @Param('service') service: string, @Param('version') version: string): RegulationVersion {
    return this.catalog.get(`${region}/${service}/v${version}`);
  }
}
