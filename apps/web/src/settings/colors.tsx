/** Colours that stay readable with white text on the calendar, named for screen readers. */
export const professionalColors: readonly { value: string; label: string }[] = [
  { value: '#7c3aed', label: 'Roxo' },
  { value: '#db2777', label: 'Rosa' },
  { value: '#0891b2', label: 'Ciano' },
  { value: '#16a34a', label: 'Verde' },
  { value: '#ea580c', label: 'Laranja' },
  { value: '#2563eb', label: 'Azul' },
  { value: '#ca8a04', label: 'Mostarda' },
  { value: '#dc2626', label: 'Vermelho' },
];

/** Black or white, whichever reads better on `background` (#RRGGBB), by WCAG relative luminance. */
export function textColorOn(background: string): string {
  const channels = [1, 3, 5].map((i) => {
    const value = parseInt(background.slice(i, i + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  });
  const [r = 0, g = 0, b = 0] = channels;
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return luminance > 0.4 ? '#1d2524' : '#ffffff';
}

export function ColorDot({ color }: { color: string }) {
  return <span className="color-dot" style={{ backgroundColor: color }} aria-hidden="true" />;
}
