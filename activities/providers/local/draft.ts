/**
 * Template filling for replies: `{{slot}}` placeholders (dotted paths allowed:
 * `{{demandeur.nom}}`) replaced by the slots' values. A missing or empty slot is never left
 * blank: it is listed in `missing` and shows as « [à compléter : slot] » in the text, so an
 * agent sees it before anything is sent. Optional formats: `{{date|date}}` (ISO date to
 * "12 mars 2026"), `{{montant|euros}}` (1200.5 to "1 200,50 €") and `{{pieces|liste}}` (an array as
 * a bulleted list; without it, arrays are joined with commas).
 */
import { formatFrenchDate } from './french-calendar';

export { PLAIN_LANGUAGE_TEMPLATES, REPLY_TEMPLATES, STANDARD_TEMPLATES, type ReplyKind, type ReplyTemplate } from './reply-templates';

export interface Draft {
  text: string;
  /** Slots the template uses that had no value, in order of first use. */
  missing: string[];
  /** Slots that were filled. */
  used: string[];
}

const PLACEHOLDER = /\{\{\s*([\p{L}\w.-]+)\s*(?:\|\s*(\w+)\s*)?\}\}/gu;

/** Every slot name a template uses, in order of first use. */
export function templateSlots(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

function lookup(slots: Record<string, unknown>, path: string): unknown {
  if (path in slots) return slots[path];
  let value: unknown = slots;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object' || !(key in value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** 1234567.5 → "1 234 567,50" (French grouping with a narrow space, two decimals if any). */
function frenchNumber(n: number, decimals: number): string {
  const [whole, fraction] = Math.abs(n).toFixed(decimals).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
  return `${n < 0 ? '-' : ''}${grouped}${fraction ? `,${fraction}` : ''}`;
}

function render(value: unknown, format: string | undefined): string | null {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return null;
  if (format === 'euros' && (typeof value === 'number' || /^-?\d+(?:\.\d+)?$/.test(String(value)))) {
    const n = Number(value);
    return `${frenchNumber(n, Number.isInteger(n) ? 0 : 2)}\u00a0€`;
  }
  if (value instanceof Date) return formatFrenchDate(value.toISOString()) ?? value.toISOString();
  if (format === 'date') return formatFrenchDate(String(value)) ?? String(value);
  if (typeof value === 'number') return frenchNumber(value, Number.isInteger(value) ? 0 : 2);
  if (Array.isArray(value) && format === 'liste') return value.length ? value.map((item) => `\n- ${render(item, undefined) ?? ''}`).join('') : null;
  if (Array.isArray(value)) return value.map((item) => render(item, format) ?? '').filter(Boolean).join(', ') || null;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function draftFromTemplate(template: string, slots: Record<string, unknown>): Draft {
  const missing: string[] = [];
  const used: string[] = [];
  const text = template.replace(PLACEHOLDER, (_whole, name: string, format: string | undefined) => {
    const rendered = render(lookup(slots, name), format);
    const list = rendered === null ? missing : used;
    if (!list.includes(name)) list.push(name);
    return rendered ?? `[à compléter : ${name}]`;
  });
  return { text, missing, used };
}
