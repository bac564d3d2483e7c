export { type ConcealControl, installConceal } from './conceal.ts';
export { type Choice, checkbox, checkboxGroup, radioGroup, textField, yesNo } from './controls.ts';
export { type Attrs, type Child, focusElement, h, linkButton } from './dom.ts';
export { errorFor, errorSummary } from './error-summary.ts';
export { type Notice, reasonOf, showNotice } from './notice.ts';
export { createShell, patientBanner, type Shell } from './shell.ts';
