// What the extension loads the first time the summary is shown (or restored): the panel, its
// page protocol and the report renderers. Kept out of the activation bundle, so that starting
// the extension does not pay for them (the Node build loads dist/webview.js on demand).
export { SummaryPanels } from './summaryPanels';
export { parsePageState } from '../protocol';
