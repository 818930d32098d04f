/** Every language Paydown reads, in display order: programming languages, then markup, then data. */
import type { LanguageSpec } from '../languages';
import { DATA } from './data';
import { MARKUP } from './markup';
import { PROGRAMMING } from './programming';

export const LANGUAGES: readonly LanguageSpec[] = [...PROGRAMMING, ...MARKUP, ...DATA];
