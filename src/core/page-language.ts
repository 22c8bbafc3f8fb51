/**
 * The language a page declares for its text at `at`, by default its body; for a toolbar, the
 * element it is placed in (an `<article lang="de">` in an English page is read in German). The
 * nearest `lang` (the element's own, else an ancestor's up to the root), else the first tag of a
 * `content-language` meta. Undefined when it declares none, or declares it unknown (`lang=""`).
 */
export function pageLanguage(
  doc: Document,
  at: Element | null = doc.body ?? doc.documentElement,
): string | undefined {
  const tagged = at?.closest('[lang]');
  if (tagged) return tagged.getAttribute('lang')?.trim() || undefined;
  for (const meta of doc.querySelectorAll('meta[http-equiv]')) {
    if (meta.getAttribute('http-equiv')?.trim().toLowerCase() !== 'content-language') continue;
    return meta.getAttribute('content')?.split(',')[0]?.trim() || undefined;
  }
  return undefined;
}
