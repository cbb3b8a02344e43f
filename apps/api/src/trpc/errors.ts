import { TRPCError } from '@trpc/server';
import { AppError, type AppErrorCode, appErrorCatalog } from '@agenda-cheia/contracts';
import { isConnectionError } from '@agenda-cheia/db';

interface IssueLike {
  path?: readonly PropertyKey[] | readonly { key: PropertyKey }[];
  message: string;
}

/** Zod errors and Standard Schema failures both carry `issues`. */
export function validationIssues(error: unknown): IssueLike[] | undefined {
  if (typeof error !== 'object' || error === null || !('issues' in error)) return undefined;
  const issues = error.issues;
  return Array.isArray(issues) ? (issues as IssueLike[]) : undefined;
}

export function fieldErrorsOf(issues: IssueLike[]): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of issues) {
    const key =
      (issue.path ?? [])
        .map((p) => (typeof p === 'object' && p !== null && 'key' in p ? String(p.key) : String(p)))
        .join('.') || '_';
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

export function toTRPCError(error: AppError): TRPCError {
  return new TRPCError({ code: appErrorCatalog[error.code].trpc, message: error.message, cause: error });
}

/**
 * A PostgreSQL "data exception" (SQLSTATE class 22): the database refused a value it was given (a NUL in
 * text, a date or number out of range), which came from the caller's data. Answered as invalid data,
 * never as our failure.
 */
export function isDataException(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error) || !('severity' in error))
    return false;
  return typeof error.code === 'string' && /^22[0-9A-Z]{3}$/.test(error.code);
}

/** Classifies whatever a resolver threw into an application error code, or undefined when unknown. */
export function classify(cause: unknown): AppErrorCode | undefined {
  if (cause instanceof AppError) return cause.code;
  if (validationIssues(cause) || isDataException(cause)) return 'VALIDATION_FAILED';
  if (isConnectionError(cause)) return 'SERVICE_UNAVAILABLE';
  return undefined;
}
