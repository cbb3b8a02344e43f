/** Field name → messages, as the API's VALIDATION_FAILED errors and client-side checks report them. */
export type FieldErrors = Record<string, string[]>;

export interface FormProblem {
  message: string;
  fieldErrors: FieldErrors;
}

const CONNECTION_PROBLEM = 'Não foi possível falar com o servidor. Verifique sua conexão e tente novamente.';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function readFieldErrors(value: unknown): FieldErrors {
  if (!isRecord(value)) return {};
  const result: FieldErrors = {};
  for (const [field, messages] of Object.entries(value)) {
    if (Array.isArray(messages)) {
      result[field] = messages.filter((m): m is string => typeof m === 'string');
    }
  }
  return result;
}

/**
 * Turns a failed call into what a form shows. Errors the API answered carry a pt-BR message;
 * anything without `data` never reached the API, and its message (from the browser) is not shown.
 */
export function describeFailure(error: unknown): FormProblem {
  if (!isRecord(error) || !isRecord(error.data) || typeof error.message !== 'string') {
    return { message: CONNECTION_PROBLEM, fieldErrors: {} };
  }
  return { message: error.message, fieldErrors: readFieldErrors(error.data.fieldErrors) };
}

interface ValidationIssue {
  path: readonly PropertyKey[];
  message: string;
}

/** Groups schema issues (from a contracts zod schema's safeParse) by their top-level field. */
export function fieldErrorsFromIssues(issues: readonly ValidationIssue[]): FieldErrors {
  const result: FieldErrors = {};
  for (const issue of issues) {
    const field = issue.path[0];
    const key = typeof field === 'string' ? field : '';
    (result[key] ??= []).push(issue.message);
  }
  return result;
}

/** The string value of a form field (empty when absent). */
export function fieldValue(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

/** The API's application error code (`SLOT_TAKEN`, `OUTSIDE_WORKING_HOURS`…), when the API answered one. */
export function appCodeOf(error: unknown): string | undefined {
  if (!isRecord(error) || !isRecord(error.data)) return undefined;
  return typeof error.data.appCode === 'string' ? error.data.appCode : undefined;
}

/** Extra facts the API attached to an application error (e.g. the CSV headers it could not match). */
export function detailsOf(error: unknown): Record<string, unknown> | undefined {
  if (!isRecord(error) || !isRecord(error.data) || !isRecord(error.data.details)) return undefined;
  return error.data.details;
}

/** A form field's value, or undefined when left blank (for optional inputs). */
export function optionalFieldValue(form: FormData, name: string): string | undefined {
  const value = fieldValue(form, name).trim();
  return value === '' ? undefined : value;
}

/**
 * Re-keys errors of nested fields ("settings.horizonDays", as the API and `fieldErrorsByPath` name them)
 * by their last segment ("horizonDays"), for forms whose inputs are named after the leaf fields.
 */
export function fieldErrorsByLeaf(errors: FieldErrors): FieldErrors {
  const result: FieldErrors = {};
  for (const [path, messages] of Object.entries(errors)) {
    const leaf = path.split('.').at(-1) ?? path;
    (result[leaf] ??= []).push(...messages);
  }
  return result;
}

/** Groups schema issues by their full dotted path, the way the API reports them. */
export function fieldErrorsByPath(issues: readonly ValidationIssue[]): FieldErrors {
  const result: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join('.');
    (result[key] ??= []).push(issue.message);
  }
  return result;
}
