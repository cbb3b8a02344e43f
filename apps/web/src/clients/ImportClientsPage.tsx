import { clientCsvFields, type ImportClientsCsvResult } from '@agenda-cheia/contracts';
import { useState, type ChangeEvent, type FormEvent } from 'react';
import { Link } from 'react-router';
import { trpc } from '../api/trpc';
import { appCodeOf, describeFailure, detailsOf } from '../forms/errors';
import { FormMessage } from '../forms/Field';

type ClientField = (typeof clientCsvFields)[number];

const fieldLabels: Record<ClientField, string> = {
  name: 'Nome',
  phone: 'Telefone',
  email: 'E-mail',
  notes: 'Observações',
  birthday: 'Aniversário',
};

/**
 * Spreadsheets saved by Excel in Brazil are often Windows-1252, not UTF-8: decoding as UTF-8 first and
 * falling back keeps "Conceição" from turning into "Concei��o".
 */
async function readSpreadsheetText(file: File): Promise<string> {
  const bytes = await file.arrayBuffer();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** The headers the server could not match, when that is why the import was refused. */
function unmatchedHeaders(error: unknown): string[] | null {
  if (appCodeOf(error) !== 'VALIDATION_FAILED') return null;
  const headers = detailsOf(error)?.headers;
  if (!Array.isArray(headers)) return null;
  return headers.filter((header): header is string => typeof header === 'string');
}

function ImportResult({ result }: { result: ImportClientsCsvResult }) {
  return (
    <section className="panel" aria-labelledby="import-result-title">
      <h2 id="import-result-title">Resultado da importação</h2>
      <p role="status" className="import-counts">
        <strong>{result.created}</strong> {result.created === 1 ? 'cliente novo' : 'clientes novos'} ·{' '}
        <strong>{result.merged}</strong> {result.merged === 1 ? 'atualizado' : 'atualizados'} (mesmo telefone)
        {result.errors.length > 0 ? (
          <>
            {' '}
            · <strong>{result.errors.length}</strong>{' '}
            {result.errors.length === 1 ? 'linha com erro' : 'linhas com erro'}
          </>
        ) : null}
      </p>
      {result.errors.length === 0 ? null : (
        <div className="table-scroll">
          <table className="table">
            <caption>Linhas não importadas</caption>
            <thead>
              <tr>
                <th scope="col">Linha</th>
                <th scope="col">Problema</th>
              </tr>
            </thead>
            <tbody>
              {result.errors.map((error) => (
                <tr key={error.row}>
                  <td>{error.row}</td>
                  <td>{error.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>
        <Link to="/clientes">Ver clientes</Link>
      </p>
    </section>
  );
}

function MappingStep(props: {
  headers: string[];
  pending: boolean;
  onSubmit: (mapping: Record<string, ClientField>) => void;
}) {
  const [mapping, setMapping] = useState<Record<string, ClientField | ''>>({});
  const chosen = Object.values(mapping);
  const missing = (['name', 'phone'] as const).filter((field) => !chosen.includes(field));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const complete: Record<string, ClientField> = {};
    for (const [header, field] of Object.entries(mapping)) if (field !== '') complete[header] = field;
    props.onSubmit(complete);
  };

  return (
    <form className="form panel" onSubmit={submit} aria-labelledby="mapping-title">
      <h2 id="mapping-title">Quais colunas usar?</h2>
      <p className="field-hint">
        Indique o que cada coluna da planilha contém. Colunas marcadas como “Ignorar” não são importadas.
      </p>
      <div className="mapping-grid">
        {props.headers.map((header, index) => (
          <div key={`${header}-${index}`} className="field">
            <label htmlFor={`mapping-${index}`}>Coluna “{header}”</label>
            <select
              id={`mapping-${index}`}
              value={mapping[header] ?? ''}
              onChange={(event) =>
                setMapping((current) => ({ ...current, [header]: event.target.value as ClientField | '' }))
              }
            >
              <option value="">Ignorar</option>
              {clientCsvFields.map((field) => (
                <option
                  key={field}
                  value={field}
                  // One column per field: a field already chosen elsewhere is not offered again.
                  disabled={chosen.includes(field) && mapping[header] !== field}
                >
                  {fieldLabels[field]}
                </option>
              ))}
            </select>
          </div>
        ))}
      </div>
      {missing.length > 0 ? (
        <p className="field-hint">
          Falta indicar: {missing.map((field) => fieldLabels[field].toLowerCase()).join(' e ')}.
        </p>
      ) : null}
      <button type="submit" className="button button-primary" disabled={props.pending || missing.length > 0}>
        {props.pending ? 'Importando…' : 'Importar com estas colunas'}
      </button>
    </form>
  );
}

export function ImportClientsPage() {
  const utils = trpc.useUtils();
  // Kept apart from the mutation's error so the mapping step stays on screen while it is retried.
  const [headersToMap, setHeadersToMap] = useState<string[] | null>(null);
  const importCsv = trpc.clients.importCsv.useMutation({
    onSuccess: async () => {
      setHeadersToMap(null);
      await utils.clients.list.invalidate();
    },
    onError: (error) => {
      const headers = unmatchedHeaders(error);
      if (headers !== null) setHeadersToMap(headers);
    },
  });
  const [csv, setCsv] = useState<string | null>(null);
  const [fileName, setFileName] = useState('');
  const [readProblem, setReadProblem] = useState<string | null>(null);

  const problem = importCsv.error === null ? null : describeFailure(importCsv.error);

  const chooseFile = async (event: ChangeEvent<HTMLInputElement>) => {
    importCsv.reset();
    setHeadersToMap(null);
    setReadProblem(null);
    const file = event.target.files?.[0];
    if (file === undefined) {
      setCsv(null);
      return;
    }
    setFileName(file.name);
    try {
      setCsv(await readSpreadsheetText(file));
    } catch {
      setCsv(null);
      setReadProblem('Não foi possível ler o arquivo. Salve a planilha como CSV e tente novamente.');
    }
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (csv === null) {
      setReadProblem('Escolha o arquivo CSV da planilha.');
      return;
    }
    importCsv.mutate({ csv });
  };

  return (
    <section className="page">
      <title>Importar clientes · Agenda Cheia</title>
      <p className="breadcrumb">
        <Link to="/clientes">Clientes</Link>
      </p>
      <h1>Importar clientes</h1>
      <p className="page-lead">
        Traga seus contatos de uma planilha salva como CSV (no Excel ou Google Planilhas: Arquivo › Salvar
        como › CSV). A primeira linha deve ter os nomes das colunas, como Nome, Telefone, E-mail, Aniversário
        e Observações. Clientes com o mesmo telefone são unidos, sem duplicar.
      </p>
      <form className="form panel" onSubmit={submit} noValidate aria-label="Arquivo da planilha">
        <div className="field">
          <label htmlFor="csv-file">Arquivo CSV</label>
          <input
            id="csv-file"
            type="file"
            accept=".csv,text/csv,text/plain"
            onChange={(e) => void chooseFile(e)}
          />
          {fileName === '' ? null : <p className="field-hint">{fileName}</p>}
        </div>
        {readProblem === null ? null : <FormMessage tone="error">{readProblem}</FormMessage>}
        {problem === null ? null : <FormMessage tone="error">{problem.message}</FormMessage>}
        {headersToMap === null ? (
          <button type="submit" className="button button-primary" disabled={importCsv.isPending}>
            {importCsv.isPending ? 'Importando…' : 'Importar'}
          </button>
        ) : null}
      </form>
      {headersToMap !== null && csv !== null ? (
        <MappingStep
          key={headersToMap.join('|')}
          headers={headersToMap}
          pending={importCsv.isPending}
          onSubmit={(mapping) => importCsv.mutate({ csv, mapping })}
        />
      ) : null}
      {importCsv.data === undefined ? null : <ImportResult result={importCsv.data} />}
    </section>
  );
}
