/** Reading variables typed by people: a JSON object, or one value per field. */
import { t } from './i18n';

export type ParsedVariables = { ok: true; variables: Record<string, unknown> } | { ok: false; message: string };

export function parseVariablesJson(text: string): ParsedVariables {
  let value: unknown;
  try {
    value = JSON.parse(text.trim() === '' ? '{}' : text);
  } catch (error) {
    return { ok: false, message: t.instance.invalidJson((error as Error).message) };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, message: t.instance.notAnObject };
  return { ok: true, variables: value as Record<string, unknown> };
}

/** `42`, `true` or `{"a":1}` are JSON values; anything else (`ampoule changée`) is kept as text. */
export function parseFieldValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
