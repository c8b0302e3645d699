import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, TooManyRequestsError } from './errors';

// Connection refused or reset, the server shutting down or starting up: the pool reconnects, the client retries.
const unavailableCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006']);
function databaseUnavailable(error: Error): boolean {
  const code = (error as { code?: unknown }).code;
  return (typeof code === 'string' && unavailableCodes.has(code)) || /Connection terminated/.test(error.message);
}

interface Issue { path: string; code: string; message: string }

/** The one place errors become HTTP answers: a code, a plain message, never a stack or SQL. */
export function handleError(error: FastifyError | AppError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    if (error instanceof TooManyRequestsError) reply.header('retry-after', String(error.retryAfterSeconds));
    return reply.code(error.statusCode).send({ error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } });
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues: Issue[] = error.validation.map((issue) => ({
      path: [error.validationContext, ...(issue.instancePath ? issue.instancePath.split('/').filter(Boolean) : [])].join('.'),
      code: String(issue.params?.issue && typeof issue.params.issue === 'object' && 'code' in issue.params.issue ? issue.params.issue.code : issue.keyword),
      message: issue.message ?? 'invalid',
    }));
    return reply.code(400).send({ error: { code: 'validation_failed', message: 'The request is not valid.', issues } });
  }
  if (isResponseSerializationError(error)) {
    request.log.error({ err: { message: 'response did not match its schema', issues: error.cause.issues.map((i) => i.path.join('.')) } }, 'response serialization');
    return reply.code(500).send({ error: { code: 'internal', message: 'Something went wrong on our side.' } });
  }
  const fastifyError = error as FastifyError;
  const status = fastifyError.statusCode;
  if (status && status >= 400 && status < 500) {
    // Fastify's own client errors: malformed JSON, too large a body, a wrong content type.
    const code = fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'body_too_large'
      : fastifyError.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'unsupported_media_type'
      : fastifyError.code?.startsWith('FST_ERR_CTP') || error instanceof SyntaxError ? 'malformed_body' : 'bad_request';
    return reply.code(status).send({ error: { code, message: 'The request could not be read.' } });
  }
  if (databaseUnavailable(error)) {
    request.log.warn({ err: { code: (error as { code?: string }).code } }, 'database unavailable');
    return reply.code(503).header('retry-after', '5').send({ error: { code: 'database_unavailable', message: 'The service is briefly unavailable. Try again in a moment.' } });
  }
  // The message can quote data (a driver error quotes the failing value), so only the frames are logged.
  request.log.error({ err: { type: error.name, code: fastifyError.code, frames: error.stack?.split('\n').slice(1, 8).join('\n') } }, 'unhandled error');
  return reply.code(500).send({ error: { code: 'internal', message: 'Something went wrong on our side.' } });
}
