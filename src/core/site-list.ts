/**
 * The entries of the list of sites turned off that would cover `site` (a host, or its site as
 * `listedSiteOf` names it): the site itself, then each domain above it that still has two labels,
 * so turning off `example.com` turns off `news.example.com` too. An IP address covers only itself.
 */
export function coveringSites(site: string): string[] {
  if (site.startsWith('[') || /^[\d.]+$/.test(site)) return [site];
  const covering = [site];
  for (let dot = site.indexOf('.'); dot >= 0; dot = site.indexOf('.', dot + 1)) {
    const parent = site.slice(dot + 1);
    if (parent.includes('.')) covering.push(parent);
  }
  return covering;
}

/** Whether entry `listed` of the list of sites covers `site` (it is the site or a domain above). */
export function isCoveredBy(site: string, listed: string): boolean {
  return site === listed || (site.endsWith(`.${listed}`) && coveringSites(site).includes(listed));
}
