/**
 * Entry of `toolbar.js`: the toolbar, its styles and its messages, kept out of the content script
 * that runs on every page. The background injects it into a frame only once that frame's content
 * script has found an article (or the reader asked for the toolbar); see load-toolbar.ts.
 */
import { pendingVoteProof } from '../core/pending-vote-proof';
import { connectToolbar, readSettings } from './connect-toolbar';
import { createToolbar } from './toolbar';
import {
  TOOLBAR_MODULE_KEY,
  type ToolbarModule,
  type ToolbarModuleHolder,
} from './toolbar-handoff';

const toolbarModule: ToolbarModule = {
  createToolbar,
  connectToolbar,
  readSettings,
  pendingVoteProof,
};
(globalThis as ToolbarModuleHolder)[TOOLBAR_MODULE_KEY] = toolbarModule;
