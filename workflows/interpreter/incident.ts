/**
 * An error that stops a token at an element: FEEL failure, no flow to take, activity out of
 * retries. Until the interpreter issue adds resolvable incidents, it fails the instance with
 * the element and cause in the message.
 */
export class IncidentError extends Error {
  constructor(
    readonly elementId: string,
    readonly reason: string,
  ) {
    super(`Incident at ${elementId}: ${reason}`);
    this.name = 'IncidentError';
  }
}
