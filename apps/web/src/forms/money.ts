/** Money is integer centavos everywhere; people read and type reais. */

const brl = new Intl.NumberFormat('pt-BR', { style: 'currency', currency: 'BRL' });

/** 8000 → "R$ 80,00" */
export function formatCents(cents: number): string {
  return brl.format(cents / 100);
}

/** 8000 → "80,00", for a form field's initial value. */
export function centsToReaisInput(cents: number): string {
  const reais = Math.trunc(cents / 100);
  const rest = String(Math.abs(cents % 100)).padStart(2, '0');
  return `${reais},${rest}`;
}

/**
 * Reads a price typed the Brazilian way ("80", "80,5", "1.234,56", "R$ 80,00") or with a decimal
 * point ("80.50"). Integer arithmetic on the digits: no floating-point rounding. Null when unreadable.
 */
export function parseReaisToCents(text: string): number | null {
  let value = text.replace(/R\$/i, '').replace(/\s/g, '');
  if (value === '') return null;
  if (value.includes(',')) {
    value = value.replace(/\./g, '').replace(',', '.');
  } else if (/^\d{1,3}(\.\d{3})+$/.test(value)) {
    value = value.replace(/\./g, '');
  }
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(value);
  if (match === null) return null;
  const reais = Number(match[1]);
  const centavos = Number((match[2] ?? '').padEnd(2, '0'));
  return reais * 100 + centavos;
}
