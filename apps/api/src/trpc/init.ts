import { initTRPC, TRPCError } from '@trpc/server';
import { AppError, appErrorCatalog, type Role } from '@agenda-cheia/contracts';
import type { ActorContext } from '@agenda-cheia/core';
import type { Context } from './context';
import { classify, fieldErrorsOf, toTRPCError, validationIssues } from './errors';
import { nulCharacterPath } from './input-guards';

const t = initTRPC.context<Context>().create({
  // Never send stack traces, whatever NODE_ENV says.
  isDev: false,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const issues = validationIssues(cause);
    const appCode = classify(cause) ?? (error.code === 'BAD_REQUEST' ? 'VALIDATION_FAILED' : undefined);
    const unknownFailure = !appCode && error.code === 'INTERNAL_SERVER_ERROR';
    const malformedJson = cause instanceof SyntaxError;
    const message = issues
      ? `Dados inválidos: ${issues.map((i) => i.message).join('; ')}`
      : malformedJson
        ? 'JSON malformado.'
        : unknownFailure
          ? appErrorCatalog.INTERNAL.message
          : shape.message;
    return {
      message,
      code: shape.code,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        appCode: appCode ?? (unknownFailure ? 'INTERNAL' : undefined),
        ...(issues ? { fieldErrors: fieldErrorsOf(issues) } : {}),
        ...(cause instanceof AppError && cause.details ? { details: cause.details } : {}),
      },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Domain errors leave every procedure with their own tRPC code, whatever layer threw them. */
const translateErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof AppError) throw toTRPCError(cause);
    const code = classify(cause);
    if (code === 'VALIDATION_FAILED') {
      throw new TRPCError({ code: 'BAD_REQUEST', message: appErrorCatalog.VALIDATION_FAILED.message, cause });
    }
    if (code === 'SERVICE_UNAVAILABLE') throw toTRPCError(new AppError('SERVICE_UNAVAILABLE'));
  }
  return result;
});

/** Runs right before input parsing, so that refusals for who is calling come first. */
const rejectNulCharacters = t.middleware(async ({ getRawInput, next }) => {
  const where = nulCharacterPath(await getRawInput());
  if (where !== undefined) {
    throw toTRPCError(
      new AppError('VALIDATION_FAILED', `Dados inválidos: ${where} contém um caractere nulo (\\u0000).`),
    );
  }
  return next();
});

const base = t.procedure.use(translateErrors);

const authenticated = base.use(({ ctx, next }) => {
  if (!ctx.accessToken) throw toTRPCError(new AppError('UNAUTHENTICATED'));
  let actor: ActorContext;
  try {
    actor = ctx.services.auth.verifyAccessToken(ctx.accessToken);
  } catch (error) {
    throw error instanceof AppError ? toTRPCError(error) : error;
  }
  return next({ ctx: { ...ctx, actor } });
});

export const publicProcedure = base.use(rejectNulCharacters);

export const protectedProcedure = authenticated.use(rejectNulCharacters);

export function roleProcedure(...roles: Role[]) {
  return authenticated
    .use(({ ctx, next }) => {
      if (!roles.includes(ctx.actor.role)) throw toTRPCError(new AppError('FORBIDDEN'));
      return next();
    })
    .use(rejectNulCharacters);
}
