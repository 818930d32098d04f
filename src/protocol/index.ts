/** The budget panel's protocol: the page's view model and the messages about it. Types and guards only. */
export * from './budgetPage';
export * from './messages';
