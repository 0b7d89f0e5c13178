/** The read models' TypeORM DataSource (one per process; migrations applied at start). */
export const READ_MODELS_DATA_SOURCE = Symbol('READ_MODELS_DATA_SOURCE');
/** Every registered Projection instance, in registration order. */
export const PROJECTIONS = Symbol('PROJECTIONS');
/** ProjectionsModuleOptions as given to forRoot. */
export const PROJECTIONS_OPTIONS = Symbol('PROJECTIONS_OPTIONS');
