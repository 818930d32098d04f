/** Exit codes: 0 ok, 1 a check found something, 2 bad usage or a runtime error. */
export const EXIT_OK = 0;
export const EXIT_FOUND = 1;
export const EXIT_ERROR = 2;
