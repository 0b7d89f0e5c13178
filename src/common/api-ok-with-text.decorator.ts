import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, getSchemaPath } from '@nestjs/swagger';

/**
 * A 200 that is JSON of `type`, or text in the other media types the
 * operation offers (?format=text|csv|html): each documented with its own
 * schema, so a text answer is not checked against the JSON one.
 */
export function ApiOkJsonOrText(
  type: Type<unknown>,
  texts: Record<string, string>,
  description?: string,
): MethodDecorator & ClassDecorator {
  const textContent = Object.fromEntries(
    Object.entries(texts).map(([mediaType, example]) => [mediaType, { schema: { type: 'string', example } }]),
  );
  return applyDecorators(
    ApiExtraModels(type),
    ApiOkResponse({
      description: description ?? '',
      content: { 'application/json': { schema: { $ref: getSchemaPath(type) } }, ...textContent },
    }),
  );
}
