/**
 * Security headers on every response (UI pages, API answers, errors, files): a Content-Security-Policy that allows
 * only koe's own scripts, no framing, no MIME sniffing, no referrer to other sites, and HSTS behind HTTPS.
 */
import type { FastifyInstance, FastifyReply } from "fastify";

/**
 * The built UI has no inline script (Vite emits module files; web/index.html loads one), so scripts come from
 * 'self' only. Styles need 'unsafe-inline': Mantine writes its CSS variables into <style> elements at run time and
 * sets `style` attributes on components, and web/index.html carries the font stack in a <style> element.
 * Images: data:/blob: for Mantine's icons and charts exported as pictures.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/**
 * The one page koe lets a frame show: a report's print preview, inside the editor (same origin). The page is
 * self-contained — inline CSS, charts as inline SVG, no script — so it loads nothing at all; only koe may frame it;
 * and `sandbox` gives it an opaque origin even when opened in a tab of its own, so nothing on it (were a voice's
 * text ever to slip through unescaped) could use the session or read koe's pages.
 */
export const FRAMED_REPORT_POLICY = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  "img-src data:",
  "font-src data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
  "sandbox",
].join("; ");

/** Lets koe's own pages frame this answer (and nothing else frame it); the hook below leaves these headers be. */
export function allowFramingBySelf(reply: FastifyReply): void {
  reply.header("content-security-policy", FRAMED_REPORT_POLICY);
  reply.header("x-frame-options", "SAMEORIGIN");
}

export function securityHeaders(opts: { secureCookie: boolean }): Record<string, string> {
  const headers: Record<string, string> = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    // For browsers without frame-ancestors.
    "x-frame-options": "DENY",
    // Receipt numbers and voice ids sit in koe's URLs: other sites learn nothing of them.
    "referrer-policy": "same-origin",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=()",
  };
  // Only where koe is served over HTTPS (KOE_COOKIE_SECURE=true): HSTS over plain HTTP would lock users out.
  if (opts.secureCookie) headers["strict-transport-security"] = "max-age=31536000; includeSubDomains";
  return headers;
}

/**
 * Adds the headers in onSend, which every reply passes through (routes, static files, 404s and errors). A header
 * a route set itself (only allowFramingBySelf does) is kept.
 */
export function registerSecurityHeaders(app: FastifyInstance, opts: { secureCookie: boolean }): void {
  const headers = Object.entries(securityHeaders(opts));
  app.addHook("onSend", async (_request, reply) => {
    for (const [name, value] of headers) if (!reply.hasHeader(name)) reply.header(name, value);
  });
}
