/**
 * Colours by bloc for the country profile. The default groups are NATO/EU (the catalog's present members
 * of both), Russia, China, Iran and other; the analyst can rewrite them in the URL's `blocs` parameter as
 * `Label:CODE+CODE|Label:CODE`, where `nato` and `eu` stand for the catalog's member lists, e.g.
 * `blocs=NATO/EU:nato+eu|Russia/Belarus:RU+BY|China:CN|Iran:IR`. Anything unlisted is "other".
 */
export interface Bloc { label: string; members: string[]; colour: string }

export const DEFAULT_BLOCS = 'NATO/EU:nato+eu|Russia:RU|China:CN|Iran:IR';
const PALETTE = ['#2f6db5', '#c0392b', '#d4a017', '#2e8b57', '#8e44ad', '#e67e22', '#16a085'];
export const OTHER_COLOUR = '#8a94a0';

/** Parses a `blocs` parameter; `groups` expands catalog bloc names (nato, eu) to member codes. */
export function parseBlocs(spec: string, groups: Record<string, string[]>): Bloc[] {
  return spec.split('|').map((part, i) => {
    const [label, list = ''] = part.split(':');
    const members = list.split('+').flatMap((m) => groups[m.trim().toLowerCase()] ?? [m.trim().toUpperCase()]).filter((m) => /^[A-Z]{2}$/.test(m));
    return { label: label.trim() || `group ${i + 1}`, members, colour: PALETTE[i % PALETTE.length] };
  }).filter((b) => b.members.length);
}

/** The first bloc `code` belongs to, or null (other). */
export function blocOf(blocs: Bloc[], code: string): Bloc | null {
  return blocs.find((b) => b.members.includes(code)) ?? null;
}

/**
 * Colours for a list of partners: each its bloc's colour, lightened step by step for the second, third...
 * partner of the same bloc, so stacked bars of one bloc stay apart.
 * @example partnerColours(blocs, ['RU', 'BY'])  // Russia's red, and for Belarus (other) the grey
 */
export function partnerColours(blocs: Bloc[], partners: string[]): string[] {
  const seen = new Map<string, number>();
  return partners.map((p) => {
    const base = blocOf(blocs, p)?.colour ?? OTHER_COLOUR;
    const k = seen.get(base) ?? 0;
    seen.set(base, k + 1);
    return lighten(base, Math.min(0.6, k * 0.2));
  });
}

function lighten(hex: string, by: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  const mix = (c: number) => Math.round(c + (255 - c) * by);
  return `rgb(${mix(n >> 16)},${mix((n >> 8) & 255)},${mix(n & 255)})`;
}
