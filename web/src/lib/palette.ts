// A Mantine colour palette (ten shades, light to dark) from one #rrggbb: the white-label colour
// is shade 6 (Mantine's primary shade), lighter shades mixed with white, darker with black, so
// light variants and hovers stay readable.

const MIX = [0.9, 0.8, 0.65, 0.5, 0.33, 0.16, 0, -0.15, -0.3, -0.45];

export function palette(hex: string): [string, string, string, string, string, string, string, string, string, string] {
  const rgb = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  const shade = (f: number) =>
    '#' +
    rgb
      .map((c) => Math.round(f >= 0 ? c + (255 - c) * f : c * (1 + f)))
      .map((c) => c.toString(16).padStart(2, '0'))
      .join('');
  return MIX.map(shade) as ReturnType<typeof palette>;
}
