import { Controller, Get, NotFoundException, Param, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConsoleExceptionFilter } from '../errors/console-exception.filter';

interface Asset {
  path: () => string;
  type: string;
}

/** The only files served: htmx from node_modules, and the console's own CSS and JS (copied into dist by nest-cli.json). */
const ASSETS: Record<string, Asset> = {
  'htmx.min.js': { path: () => require.resolve('htmx.org/dist/htmx.min.js'), type: 'text/javascript; charset=utf-8' },
  'console.css': { path: () => join(__dirname, 'console.css'), type: 'text/css; charset=utf-8' },
  'console.js': { path: () => join(__dirname, 'console.js'), type: 'text/javascript; charset=utf-8' },
};

@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@Controller('console/assets')
export class ConsoleAssetsController {
  private readonly cache = new Map<string, Buffer>();

  @Get(':file')
  serve(@Param('file') file: string, @Res() response: Response): void {
    const asset = Object.hasOwn(ASSETS, file) ? ASSETS[file] : undefined;
    if (!asset) throw new NotFoundException();
    let body = this.cache.get(file);
    if (!body) {
      body = readFileSync(asset.path());
      this.cache.set(file, body);
    }
    response.setHeader('Content-Type', asset.type);
    // Short: the files change with a deploy and carry no version in their names.
    response.setHeader('Cache-Control', 'public, max-age=300');
    response.send(body);
  }
}
