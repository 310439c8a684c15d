import type { z } from 'zod';
import { problems } from './problems';

/** Parses request input with a zod schema; failures become a 400 problem naming each field. */
export function parseRequest<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw problems.invalidRequest(parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })));
}
