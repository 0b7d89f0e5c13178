import { applyDecorators, Header } from '@nestjs/common';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/** A whole page: escaped by construction (JSX), never dangerouslySetInnerHTML with caller data. */
export const renderPage = (page: VNode): string => `<!doctype html>${renderToString(page)}`;

/** A fragment swapped into a page (htmx / console.js). */
export const renderFragment = (fragment: VNode): string => renderToString(fragment);

/** On a handler that returns renderPage/renderFragment output. */
export const Html = () => applyDecorators(Header('Content-Type', 'text/html; charset=utf-8'));
