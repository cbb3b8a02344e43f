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
