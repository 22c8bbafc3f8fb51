import browser from 'webextension-polyfill';
import { callBackground, type SendMessage } from '../protocol';
import { renderHistory } from './history-view';

/** Rows drawn on open; enough to fill the popup. */
const FIRST_PAGE_SIZE = 50;

const send: SendMessage = (message) => browser.runtime.sendMessage(message);

function byId(id: string): HTMLElement {
  const element = document.getElementById(id);
  if (!element) throw new Error(`popup.html lacks #${id}`);
  return element;
}

async function showHistory(): Promise<void> {
  const list = byId('history');
  const empty = byId('history-empty');
  const error = byId('history-error');
  try {
    const votes = await callBackground(send, 'listHistory', { limit: FIRST_PAGE_SIZE });
    renderHistory(list, empty, votes, Date.now());
  } catch (failure) {
    error.textContent = `Could not load your history: ${
      failure instanceof Error ? failure.message : String(failure)
    }`;
    error.hidden = false;
  }
  document.body.dataset.ready = '';
}

void showHistory();
