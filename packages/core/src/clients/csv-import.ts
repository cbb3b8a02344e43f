import { parse } from 'csv-parse/sync';
import {
  AppError,
  type clientCsvFields,
  createClientInput,
  type ImportClientsCsvInput,
  importClientsCsvInput,
  type ImportClientsCsvResult,
} from '@agenda-cheia/contracts';

type ClientField = (typeof clientCsvFields)[number];

export interface ImportedClient {
  name: string;
  phone: string;
  email: string | null;
  notes: string | null;
  birthday: string | null;
}

const HEADER_SYNONYMS: Record<ClientField, string[]> = {
  name: ['nome', 'name', 'cliente', 'nome completo', 'nome do cliente'],
  phone: ['telefone', 'celular', 'whatsapp', 'fone', 'phone', 'tel', 'contato', 'numero'],
  email: ['email', 'e-mail', 'e mail', 'correio'],
  notes: ['observacoes', 'observacao', 'obs', 'notas', 'notes', 'anotacoes'],
  birthday: ['aniversario', 'nascimento', 'data de nascimento', 'birthday', 'data nasc', 'dt nascimento'],
};

function normalizeHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[_.:]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function guessMapping(headers: string[]): Record<string, ClientField> {
  const mapping: Record<string, ClientField> = {};
  const taken = new Set<ClientField>();
  for (const header of headers) {
    const normalized = normalizeHeader(header);
    const field = (Object.keys(HEADER_SYNONYMS) as ClientField[]).find(
      (f) => !taken.has(f) && HEADER_SYNONYMS[f].includes(normalized),
    );
    if (field) {
      mapping[header] = field;
      taken.add(field);
    }
  }
  return mapping;
}

function detectDelimiter(firstLine: string): ',' | ';' | '\t' {
  const counts = ([',', ';', '\t'] as const).map((d) => [d, firstLine.split(d).length] as const);
  return counts.reduce((best, current) => (current[1] > best[1] ? current : best))[0];
}

/** Spreadsheets from Brazil write dates as 31/12/1990; ISO is accepted too. */
function normalizeBirthday(raw: string): string | null | undefined {
  const value = raw.trim();
  if (!value) return null;
  const br = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  const iso = br ? `${br[3]}-${br[2]?.padStart(2, '0')}-${br[1]?.padStart(2, '0')}` : value;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return undefined;
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? undefined : iso;
}

/**
 * Parses an owner's spreadsheet: maps headers to client fields, validates every row, reports each bad
 * row by its line number, and merges rows that share a phone (later rows fill the blanks of earlier ones).
 */
export function parseClientsCsv(raw: ImportClientsCsvInput): {
  clients: ImportedClient[];
  errors: ImportClientsCsvResult['errors'];
  mapping: Record<string, ClientField>;
  mergedInFile: number;
} {
  const input = importClientsCsvInput.parse(raw);
  const text = input.csv.replace(/^\uFEFF/, '');
  const delimiter = input.delimiter ?? detectDelimiter(text.split(/\r?\n/, 1)[0] ?? '');
  let rows: string[][];
  try {
    rows = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true });
  } catch (error) {
    throw new AppError('VALIDATION_FAILED', `Não foi possível ler o CSV: ${(error as Error).message}`);
  }
  const [headers, ...body] = rows;
  if (!headers) throw new AppError('VALIDATION_FAILED', 'O arquivo está vazio.');
  const mapping = input.mapping ?? guessMapping(headers);
  const mapped = new Set(Object.values(mapping));
  if (!mapped.has('name') || !mapped.has('phone')) {
    throw new AppError(
      'VALIDATION_FAILED',
      'A planilha precisa de uma coluna de nome e uma de telefone. Indique quais colunas usar.',
      { headers },
    );
  }
  const columnOf = (field: ClientField) => headers.findIndex((h) => mapping[h] === field);

  const byPhone = new Map<string, ImportedClient>();
  const errors: ImportClientsCsvResult['errors'] = [];
  let mergedInFile = 0;
  body.forEach((cells, index) => {
    const line = index + 2; // 1-based, after the header line
    const cell = (field: ClientField) => {
      const column = columnOf(field);
      return column >= 0 ? (cells[column] ?? '').trim() : '';
    };
    const birthday = normalizeBirthday(cell('birthday'));
    if (birthday === undefined) {
      errors.push({
        row: line,
        message: `Data de nascimento inválida: "${cell('birthday')}" (use DD/MM/AAAA).`,
      });
      return;
    }
    const parsed = createClientInput.safeParse({
      name: cell('name'),
      phone: cell('phone'),
      email: cell('email') || null,
      notes: cell('notes') || null,
      birthday,
    });
    if (!parsed.success) {
      errors.push({ row: line, message: parsed.error.issues.map((i) => i.message).join(' ') });
      return;
    }
    const client: ImportedClient = {
      name: parsed.data.name,
      phone: parsed.data.phone,
      email: parsed.data.email ?? null,
      notes: parsed.data.notes ?? null,
      birthday: parsed.data.birthday ?? null,
    };
    const earlier = byPhone.get(client.phone);
    if (earlier) {
      mergedInFile += 1;
      byPhone.set(client.phone, {
        name: earlier.name,
        phone: earlier.phone,
        email: earlier.email ?? client.email,
        notes: earlier.notes ?? client.notes,
        birthday: earlier.birthday ?? client.birthday,
      });
    } else {
      byPhone.set(client.phone, client);
    }
  });
  return { clients: [...byPhone.values()], errors, mapping, mergedInFile };
}
