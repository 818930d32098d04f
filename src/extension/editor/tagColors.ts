/** Colour helpers for highlights. Pure. */

/** The theme-colour key of a tag: its own (`todo`) when it has one, else `other`. */
export function tagColorKey(tag: string, themed: ReadonlySet<string>): string {
  const key = tag.toLowerCase();
  return themed.has(key) ? key : 'other';
}

/** A translucent tint of a `#rgb`/`#rrggbb` colour for backgrounds; undefined for other notations (no tint). */
export function tintOf(color: string, alpha = 0.14): string | undefined {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim())?.[1];
  if (!hex) return undefined;
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  return `#${full}${Math.round(alpha * 255).toString(16).padStart(2, '0')}`;
}

/** A colour from the settings when it is a plain CSS colour (`#e5a50a`, `rgb(…)`, `orange`), else undefined. */
export function safeColor(value: unknown): string | undefined {
  return typeof value === 'string' && /^[#a-z0-9(),.%\s]{1,40}$/i.test(value.trim()) ? value.trim() : undefined;
}
