/** A catalog file that breaks the model: names the file, the field and the problem. */
export class CatalogValidationError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    readonly problem: string,
  ) {
    super(`Regulation catalog: ${file}: ${field}: ${problem}`);
    this.name = 'CatalogValidationError';
  }
}
