declare const PAYDOWN_VERSION: string | undefined;

/** Paydown's version: injected by the bundler; `0.0.0-dev` when run from source (tests). */
export const ENGINE_VERSION: string = typeof PAYDOWN_VERSION === 'string' ? PAYDOWN_VERSION : '0.0.0-dev';
