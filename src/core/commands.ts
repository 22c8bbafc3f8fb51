/** The manifest's `commands` entry that moves keyboard focus to the toolbar in the active tab. */
export const FOCUS_TOOLBAR_COMMAND = 'focus-toolbar';
