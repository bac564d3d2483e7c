export { createFhirErrorHandler, type ErrorHandlerOptions, FHIR_JSON, notFoundHandler } from './errors.ts';
export { escapeHtml, type HtmlValue, html, SafeHtml } from './html.template.ts';
export {
  buildContentSecurityPolicy,
  type CspDirectives,
  HSTS,
  PERMISSIONS_POLICY,
  type SecurityHeadersOptions,
  STRICT_PAGE_CSP,
  securityHeaders,
} from './security-headers.ts';
