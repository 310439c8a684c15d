/**
 * Reference numbers for instances started without the API (a timer start event's schedule
 * starts the workflow itself): the interpreter asks for one at its start, as the API does
 * before starting an instance (platform/reference-numbers.ts). A retried reservation may leave
 * a number unused, never give one twice.
 */
import { nextReference } from '../platform/reference-numbers';
import type { ReferenceActivities } from './contracts';

export const referenceActivities: ReferenceActivities = {
  reserveReference: ({ processKey, pattern }) => nextReference(processKey, pattern),
};
