import type { pendingVoteProof } from '../core/pending-vote-proof';
import type { connectToolbar, readSettings } from './connect-toolbar';
import type { createToolbar } from './toolbar';

/**
 * What `toolbar.js` gives the content script once the background has injected it: everything
 * that draws the toolbar and ties it to the extension. The content script itself only detects.
 */
export interface ToolbarModule {
  createToolbar: typeof createToolbar;
  connectToolbar: typeof connectToolbar;
  readSettings: typeof readSettings;
  /** Proves a vote kept aside: only where a toolbar takes votes, not on every page. */
  pendingVoteProof: typeof pendingVoteProof;
}

/**
 * Where `toolbar.js` leaves its {@link ToolbarModule}: a property of the content scripts' own
 * global. Injected files run in the same isolated world (Chrome) or sandbox (Firefox) as the
 * content script, whose global the page cannot see. A symbol, not a name: the page's elements
 * and frames are named properties of that global too (`<div id=…>`), and could stand in for it.
 */
export const TOOLBAR_MODULE_KEY: unique symbol = Symbol.for('moodmark.toolbarModule');

export type ToolbarModuleHolder = { [TOOLBAR_MODULE_KEY]?: ToolbarModule };
