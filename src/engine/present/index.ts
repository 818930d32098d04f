/**
 * The presenter: how Paydown says numbers, points, shares, counts, days, ages and Markdown-safe
 * text, in one place for every surface (CLI reporters, the engine's Markdown exports and review,
 * the extension's tree, hover and status bar, the budget panel). Pure and free of dependencies —
 * no Node, no vscode, no DOM — so the webview bundle can import it with nothing else.
 */
export { SHOWN_DECIMALS, formatNumber, agree, plural, points, percent } from './numbers';
export { cellPlace, itemPlace } from './places';
export { calendarDaysSince, spanInWords, ageInWords, relativeDay, shortDate } from './time';
export { escapeMarkdown, markdownCode, type MarkdownTextOptions } from '../markdown';
