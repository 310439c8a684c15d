/**
 * The one catalogue of API errors. Each becomes an RFC 9457 `application/problem+json`
 * response whose `detail` says what went wrong and what to do.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    /** Stable id, also the last part of the problem `type`. */
    readonly id: string,
    readonly title: string,
    readonly detail: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}

export const problems = {
  malformedJson: (detail: string) => new HttpProblem(400, 'malformed-json', 'Malformed JSON', `The request body is not valid JSON (${detail}). Send a JSON object.`),
  invalidRequest: (errors: { path: string; message: string }[]) =>
    new HttpProblem(400, 'invalid-request', 'Invalid request', `The request does not match what this endpoint expects: ${errors.map((e) => `${e.path || '(body)'}: ${e.message}`).join('; ')}.`, { errors }),
  unauthenticated: () => new HttpProblem(401, 'unauthenticated', 'Not signed in', 'Sign in with POST /api/v1/auth/login and send the token as "Authorization: Bearer <token>".'),
  badCredentials: () => new HttpProblem(401, 'bad-credentials', 'Wrong username or password', 'Check the username and password and try again.'),
  forbidden: (detail: string) => new HttpProblem(403, 'forbidden', 'Not allowed', detail),
  notFound: (what: string, id: string) => new HttpProblem(404, 'not-found', `${what} not found`, `No ${what.toLowerCase()} has the id "${id}". Check the id, or list them to find it.`),
  conflict: (detail: string, extensions: Record<string, unknown> = {}) => new HttpProblem(409, 'conflict', 'Conflict with the current state', detail, extensions),
  payloadTooLarge: (limit: string) => new HttpProblem(413, 'payload-too-large', 'Request body too large', `The body is over the ${limit} limit. Send a smaller document.`),
  unsupportedMediaType: (accepted: string[]) =>
    new HttpProblem(415, 'unsupported-media-type', 'Unsupported media type', `Send the body as ${accepted.join(' or ')}, with the matching Content-Type header.`),
  invalidDiagram: (diagnostics: unknown[]) =>
    new HttpProblem(422, 'invalid-diagram', 'The diagram cannot be deployed', 'The BPMN diagram has errors; each diagnostic names the element and what to change. Nothing was stored.', { diagnostics }),
  unavailable: (service: string, detail: string) =>
    new HttpProblem(503, 'service-unavailable', `${service} unavailable`, `${service} did not answer (${detail}). Nothing was changed; try again when it is back (see GET /api/v1/health).`),
} as const;

function send(res: Parameters<RequestHandler>[1], problem: HttpProblem, instance: string): void {
  res
    .status(problem.status)
    .type('application/problem+json')
    .json({ type: `urn:rouage:problem:${problem.id}`, title: problem.title, status: problem.status, detail: problem.detail, instance, ...problem.extensions });
}

export const notFoundHandler: RequestHandler = (req, res) => {
  send(res, new HttpProblem(404, 'no-such-endpoint', 'No such endpoint', `${req.method} ${req.path} does not exist. See the API reference in the README.`), req.originalUrl);
};

/** Turns thrown errors, body-parser errors included, into problem responses. */
export const problemHandler: ErrorRequestHandler = (error: unknown, req, res, next) => {
  if (res.headersSent) return next(error);
  let problem: HttpProblem;
  const parserError = error as { type?: string; message?: string; limit?: number };
  if (error instanceof HttpProblem) problem = error;
  else if (parserError.type === 'entity.parse.failed') problem = problems.malformedJson(parserError.message ?? 'parse error');
  else if (parserError.type === 'entity.too.large') problem = problems.payloadTooLarge(`${Math.round((parserError.limit ?? 0) / 1024)} KiB`);
  else {
    console.error(`api: ${req.method} ${req.originalUrl} failed:`, error);
    problem = new HttpProblem(500, 'internal', 'Internal error', 'The server failed to handle the request; nothing partial was kept. Try again, and report it if it persists.');
  }
  send(res, problem, req.originalUrl);
};
