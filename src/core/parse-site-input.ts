import { siteOf } from './article-url';

/** Longest host name DNS allows. */
const MAX_HOST_CHARS = 253;

/**
 * The site a reader typed on the options page ("example.com", "www.example.com/news",
 * "https://m.example.com") as history names sites, or null when it is not a web host.
 */
export function parseSiteInput(text: string): string | null {
  const trimmed = text.trim();
  if (!trimmed || /\s/.test(trimmed)) return null;
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z\d+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const host = url.hostname;
  if (host.length > MAX_HOST_CHARS || !(host.includes('.') || host === 'localhost')) return null;
  return siteOf(host);
}
