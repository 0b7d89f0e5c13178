import { Logger, Module } from '@nestjs/common';
import { loadCatalogFiles } from './catalog/load-catalog';
import { RegulationCatalog } from './catalog/regulation-catalog';
import { RegulationsController } from './regulations.controller';

@Module({
  controllers: [RegulationsController],
  providers: [
    {
      provide: RegulationCatalog,
      useFactory: () => {
        const catalog = new RegulationCatalog(loadCatalogFiles());
        new Logger('Regulations').log({ msg: 'catalog loaded', versions: catalog.versions.length });
        return catalog;
      },
    },
  ],
  exports: [RegulationCatalog],
})
export class RegulationsModule {}
