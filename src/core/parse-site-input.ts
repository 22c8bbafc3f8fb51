// The trailing slash asks for the package, not Node's deprecated built-in module of that name.
import { decode } from 'punycode/';
import { hostOfPage } from './article-url';

/** How an internationalized label starts in a host name (RFC 5890's A-label prefix). */
const A_LABEL_PREFIX = 'xn--';
/** Longest host name DNS allows. */
const MAX_HOST_CHARS = 253;
/** Longest label DNS allows; the URL parser does not check it. */
const MAX_LABEL_CHARS = 63;

/** One label of a host name as the URL parser leaves it (lower case, IDN in punycode). */
const HOST_LABEL = /^[a-z\d_](?:[a-z\d_-]*[a-z\d_])?$/;
/**
 * Unicode's invisible direction controls (ALM, LRM, RLM, embeddings and overrides, isolates),
 * which text copied from a right-to-left page or chat carries around a host or address.
 */
const DIRECTION_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
/**
 * A browser match pattern's any scheme (`*://*.example.com/*`): dropped, the rest read as a host
 * typed without one (no scheme literal in the bundle: dist.test.ts flags `https://` alone).
 */
const ANY_SCHEME = /^\*:\/\//;
/** `*.` or `.` before the host, after its scheme if one is written: the site's subdomains. */
const SUBDOMAIN_WILDCARD = /^((?:[a-z][a-z\d+.-]*:\/\/)?)\*?\./i;
/**
 * An IPv6 address typed bare (`2001:db8::1`), as it is written outside URLs: hex digits, dots
 * and two colons or more, which no host with its port has. A URL needs it in brackets.
 */
const BARE_IPV6 = /^(?=(?:[^:]*:){2})[\da-f:.]+$/i;
/**
 * Marks around an address pasted from an e-mail, a chat or a quote (`<…>`, quotes in several
 * languages' styles, brackets, the comma or full stop of a sentence after it, as Arabic, Chinese
 * and Japanese write them too: `،` `؟` `、` `「…」` `（…）`); none can start or end a host but its
 * final dot, which it may go without. Not `[…]`, which an IPv6 address keeps.
 */
const LEADING_MARKS = /^[<"'(\u00AB\u2018\u201A\u201C\u201E\u3008\u300A\u300C\u300E\u3010\uFF08]+/;
const TRAILING_MARK =
  /[>"'),;.!\u00BB\u2018\u2019\u201C\u201D\u060C\u061B\u061F\u06D4\u3001\u3002\u3009\u300B\u300D\u300F\u3011\uFF01\uFF09\uFF0C\uFF1A\uFF1B\uFF1F]/;
/**
 * Punctuation, which the URL parser lets into an internationalized label (`com،` is
 * `xn--com-nwe`) though no registry gives out such a name: a mark left from the text around an
 * address. Not the hyphen, nor the marks IDNA allows between letters (RFC 5892's exceptions and
 * contextual rules: Catalan's `l·l`, Tibetan's tsheg, Hebrew's geresh and gershayim, the
 * katakana middle dot).
 */
const LABEL_PUNCTUATION = /(?![-_\u00B7\u05F3\u05F4\u0F0B\u30FB])\p{P}/u;
/** A scheme as an address starts with it (`https://`). */
const SCHEME = /^[a-z][a-z\d+.-]*:\/\//i;
/** An IPv4 address, as the URL parser writes every one. */
const IPV4 = /^\d+\.\d+\.\d+\.\d+$/;

/**
 * The host a reader typed on the options page ("example.com", "www.example.com/news",
 * "https://m.example.com", "*.example.com", "::1"), lower case and in punycode (an IPv6 address
 * in brackets, as URLs write it), or null when it is not a web host. A site covers the domains
 * below it, so a `*.` before the host adds nothing and is dropped, after a scheme too
 * (`https://*.example.com`, a match pattern's `*://*.example.com/*`).
 * A page's address read through Google's AMP cache or viewer gives its publisher's host. An
 * address pasted within marks (`<…>`, quotes) or with spaces in its path is read for its host.
 * The host is kept whole: the background names its site (listedSiteOf) as for the toolbar's
 * switch, and only it has the Public Suffix List that tells `www.gov.uk` from `www.example.com`.
 */
export function parseSiteInput(text: string): string | null {
  const trimmed = withoutSpacedPath(
    withoutTrailingMarks(text.replace(DIRECTION_CONTROLS, '').trim().replace(LEADING_MARKS, ''))
      .replace(ANY_SCHEME, '')
      .replace(SUBDOMAIN_WILDCARD, '$1'),
  );
  if (!trimmed || /\s/.test(trimmed)) return null;
  const isAddress = SCHEME.test(trimmed);
  let url: URL;
  try {
    const host = BARE_IPV6.test(trimmed) ? `[${trimmed}]` : trimmed;
    url = new URL(isAddress ? trimmed : `https://${host}`);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  // As the site switch reads that page's host: pasted from it, the address is meant for its site.
  const host = hostOfPage(url.href);
  if (host.startsWith('[')) return host;
  // The URL parser reads `192.168.1` as 192.168.0.1 and `123` as 0.0.0.123: a typo would turn
  // off another address. One counts only as typed in full, in decimal.
  if (IPV4.test(host) && !trimmed.includes(host)) return null;
  const labels = host.split('.');
  const isLabel = (label: string) =>
    label.length <= MAX_LABEL_CHARS && HOST_LABEL.test(label) && !hasPunctuation(label);
  if (host.length > MAX_HOST_CHARS || !labels.every(isLabel)) return null;
  // A single name typed is likely a word (`news`); in an address pasted, an intranet's host.
  if (labels.length < 2 && host !== 'localhost' && !isAddress) return null;
  return host;
}

/** Whether `label`, in punycode where internationalized, names punctuation (LABEL_PUNCTUATION). */
function hasPunctuation(label: string): boolean {
  if (!label.startsWith(A_LABEL_PREFIX)) return false;
  try {
    return LABEL_PUNCTUATION.test(decode(label.slice(A_LABEL_PREFIX.length)));
  } catch {
    // Not punycode (which the URL parser refuses already): no site either.
    return true;
  }
}

/**
 * `text` without the marks at its end, found from the end: a pattern anchored there would be
 * tried again from each mark of a long run, in time growing as its square.
 */
function withoutTrailingMarks(text: string): string {
  let end = text.length;
  while (end > 0 && TRAILING_MARK.test(text[end - 1]!)) end--;
  return text.slice(0, end);
}

/**
 * `text` up to its first space where that space is past its host, in the path, query or fragment:
 * an address copied from text (a PDF's line broken, a search's words) may have one there, and
 * the host does not depend on what follows. A space before the end of the host stays, refused.
 */
function withoutSpacedPath(text: string): string {
  const space = text.search(/\s/);
  if (space < 0) return text;
  const hostStart = SCHEME.exec(text)?.[0].length ?? 0;
  const hostEnd = text.slice(hostStart).search(/[/?#\\]/);
  return hostEnd >= 0 && space > hostStart + hostEnd ? text.slice(0, space) : text;
}
