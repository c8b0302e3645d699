/** Errors that map to an HTTP answer. Everything else is a 500 with no detail. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export class BadRequestError extends AppError {
  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(400, code, message, details);
  }
}

export class UnauthorizedError extends AppError {
  constructor(code = 'unauthorized', message = 'Log in to continue.') {
    super(401, code, message);
  }
}

export class ForbiddenError extends AppError {
  constructor(code = 'forbidden', message = 'You may not do this.') {
    super(403, code, message);
  }
}

/** Also the answer for a record the caller may not see: the two must be indistinguishable. */
export class NotFoundError extends AppError {
  constructor() {
    super(404, 'not_found', 'Not found.');
  }
}

export class ConflictError extends AppError {
  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(409, code, message, details);
  }
}

export class TooManyRequestsError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, 'too_many_requests', 'Too many attempts. Wait and try again.');
  }
}
