import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'puppeteer-core';

const AXE_SOURCE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export interface Violation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** axe-core's source, to inject into pages. */
export function readAxeSource(): Promise<string> {
  return readFile(AXE_SOURCE_PATH, 'utf8');
}

/**
 * Runs axe-core in `page` (injected by the test driver, so no page CSP applies) on the whole
 * document, or only on the elements `include` selects.
 */
export async function audit(page: Page, axeSource: string, include?: string): Promise<Violation[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async (selector) => {
    const axe = (globalThis as unknown as { axe: { run(c: unknown, o: object): Promise<any> } })
      .axe;
    const context = selector ? { include: [selector] } : document;
    const result = await axe.run(context, { resultTypes: ['violations'] });
    return result.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n: any) => JSON.stringify(n.target)),
    }));
  }, include);
}

/** The violations that fail a test: serious and critical ones. */
export const serious = (violations: Violation[]) =>
  violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
