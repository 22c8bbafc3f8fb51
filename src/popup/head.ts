import browser from 'webextension-polyfill';
import { callBackground, type SendMessage } from '../protocol';
import { requestFirstPage } from './first-page';

// popup.html's first script, run from its head before the main bundle is fetched: it only
// asks for the first rows, which the main script (popup.js) then takes and shows.
const send: SendMessage = (message) => browser.runtime.sendMessage(message);
requestFirstPage(window, (query) => callBackground(send, 'listHistory', query));
